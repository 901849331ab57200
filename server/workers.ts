import os from 'node:os'

/**
 * How many processes serve requests: WEB_CONCURRENCY when set (1 to 16, or `auto` for one per CPU core),
 * otherwise 1. SQLite in WAL mode lets them all read at once; writes take turns (BEGIN IMMEDIATE with a busy
 * timeout). One process is the default because each costs about 180 MB: two workers and their supervisor
 * measured 560–720 MB against the 400 MB budget of issue #8 (docs/decisions/007-cluster.md).
 */
export function serverWorkerCount(env: Record<string, string | undefined> = process.env, cores = os.availableParallelism()): number {
  const given = env.WEB_CONCURRENCY?.trim()
  if (given === 'auto') return Math.max(1, Math.min(cores, 16))
  if (given) {
    const n = Number(given)
    if (!Number.isInteger(n) || n < 1 || n > 16) {
      throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 16, or auto (got "${given}")`)
    }
    return n
  }
  return 1
}
