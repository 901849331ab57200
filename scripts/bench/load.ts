/** One autocannon run against the server, with the server's CPU time and memory over the same interval. */
import autocannon, { type Options } from 'autocannon'
import { cpuMs, watchMemory } from './server'

export type Measurement = {
  /** Responses received (any status). */
  responses: number
  durationS: number
  rps: number
  p50: number
  p975: number
  p99: number
  maxMs: number
  /** Connection errors, time-outs and answers with a status other than the expected ones. */
  errors: number
  statusCodes: Record<string, number>
  cpuMsPerRequest: number | null
  maxRssMb: number
  connections: number
}

export async function measure({
  origin,
  pid,
  expected,
  options,
}: {
  origin: string
  pid: number
  /** The statuses that count as a success answer. */
  expected: readonly number[]
  options: Omit<Options, 'url'>
}): Promise<Measurement> {
  const memory = watchMemory(pid)
  const cpuBefore = cpuMs(pid)
  const result = await autocannon({ timeout: 10, ...options, url: origin })
  const cpuAfter = cpuMs(pid)
  const maxRssMb = memory.stop()
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  )
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0)
  const unexpected = Object.entries(statusCodes)
    .filter(([code]) => !expected.includes(Number(code)))
    .reduce((sum, [, count]) => sum + count, 0)
  return {
    responses,
    durationS: result.duration,
    rps: result.duration > 0 ? responses / result.duration : 0,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + unexpected,
    statusCodes,
    cpuMsPerRequest: responses > 0 ? (cpuAfter - cpuBefore) / responses : null,
    maxRssMb,
    connections: options.connections ?? 10,
  }
}
