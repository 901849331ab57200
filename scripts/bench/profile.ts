/**
 * The top frames of a V8 CPU profile (`node --cpu-prof`), by self time and by total (inclusive) time:
 *   npx tsx scripts/bench/profile.ts bench/results/profiles/CPU.….cpuprofile [--top 25]
 */
import fs from 'node:fs'
import path from 'node:path'

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export type Frame = { name: string; selfMs: number; totalMs: number; selfPct: number; totalPct: number }

function label(node: Node): string {
  const { functionName, url, lineNumber } = node.callFrame
  const file = url ? url.replace(/^file:\/\//, '').replace(process.cwd() + path.sep, '') : ''
  const short = file.replace(/^.*node_modules\//, 'node_modules/')
  return `${functionName || '(anonymous)'}${short ? ` ${short}:${lineNumber + 1}` : ''}`
}

export function summariseProfile(
  profile: Profile,
  top = 25,
): { totalMs: number; idleMs: number; bySelf: Frame[]; byTotal: Frame[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const totalUs = profile.timeDeltas.reduce((a, b) => a + b, 0)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let idle = 0
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!
    const name = label(node)
    if (node.callFrame.functionName === '(idle)') idle += us
    self.set(name, (self.get(name) ?? 0) + us)
    // Each distinct frame on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = label(byId.get(at)!)
      if (seen.has(frame)) continue
      seen.add(frame)
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + us)
    }
  }
  const busy = totalUs - idle
  const frames = (source: Map<string, number>) =>
    [...source]
      .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(root)') && !name.startsWith('(program)'))
      .map(([name]) => ({
        name,
        selfMs: (self.get(name) ?? 0) / 1000,
        totalMs: (inclusive.get(name) ?? 0) / 1000,
        selfPct: busy ? ((self.get(name) ?? 0) / busy) * 100 : 0,
        totalPct: busy ? ((inclusive.get(name) ?? 0) / busy) * 100 : 0,
      }))
  return {
    totalMs: totalUs / 1000,
    idleMs: idle / 1000,
    bySelf: frames(self)
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top),
    byTotal: frames(inclusive)
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: tsx scripts/bench/profile.ts FILE.cpuprofile [--top N]')
    process.exit(2)
  }
  const topAt = process.argv.indexOf('--top')
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25
  const summary = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, top)
  console.log(
    `Profile ${file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.idleMs / 1000).toFixed(1)} s idle`,
  )
  console.log('\nBy self time (% of busy time):')
  for (const f of summary.bySelf)
    console.log(`  ${f.selfPct.toFixed(1).padStart(5)} %  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}`)
  console.log('\nBy total time (% of busy time):')
  for (const f of summary.byTotal)
    console.log(`  ${f.totalPct.toFixed(1).padStart(5)} %  ${f.totalMs.toFixed(0).padStart(7)} ms  ${f.name}`)
}
