/** The bench's table and the targets of issue #8, judged from one run's figures. */
import type { Measurement } from './load'

export type ScenarioResult = {
  id: string
  label: string
  /** Null when the scenario could not run (e.g. a route not built yet); `note` says why. */
  measurement: Measurement | null
  note?: string
  /** The baseline measured just before this scenario (the machine is shared: ratios use the nearest baseline). */
  baselineRps?: number
  /** For write scenarios: did the database hold exactly one record per success answer? */
  check?: { ok: boolean; detail: string }
}

export type RunFacts = {
  scale: string
  baselineRps: number
  scenarios: ScenarioResult[]
  maxRssMb: number
  peakRssMb: number
  restartReadyMs: number | null
  restartCompiled: number | null
  compiledDuringRun: boolean | null
  lessonJs: { maxGzipBytes: number; page: string } | null
  fixedRate: number
}

export type Target = { id: string; text: string; pass: boolean | null; measured: string }

/** A latency figure counts only when every request was answered. */
const answered = (m: Measurement) => m.responses > 0 && m.errors === 0

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`

/** Throughput relative to the baseline run just before the scenario, else to the run's mean baseline. */
export function ratioOf(s: ScenarioResult | null, meanBaselineRps: number): number | null {
  const base = s?.baselineRps ?? meanBaselineRps
  return s?.measurement && base > 0 ? s.measurement.rps / base : null
}

export function formatTable(scenarios: readonly ScenarioResult[], baselineRps: number): string {
  const header = [
    'scenario',
    'conns',
    'req/s',
    'p50',
    'p97.5',
    'p99',
    'errors',
    'baseline req/s',
    '× baseline',
    'CPU ms/req',
    'max RSS MB',
  ]
  const rows = scenarios.map((s) => {
    const m = s.measurement
    if (!m) return [s.label, '', '', '', '', '', '', '', '', '', s.note ?? 'not available']
    const ratio = ratioOf(s, baselineRps)
    return [
      s.label,
      String(m.connections),
      m.rps.toFixed(0),
      ms(m.p50),
      ms(m.p975),
      ms(m.p99),
      String(m.errors),
      (s.baselineRps ?? baselineRps).toFixed(0),
      ratio === null ? '' : `${(ratio * 100).toFixed(0)} %`,
      m.cpuMsPerRequest === null ? '' : m.cpuMsPerRequest.toFixed(2),
      m.maxRssMb.toFixed(0),
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The markdown version of the table, for docs/performance.md. */
export function formatMarkdownTable(scenarios: readonly ScenarioResult[], baselineRps: number): string {
  const lines = [
    '| scenario | conns | req/s | p50 | p97.5 | p99 | errors | baseline req/s | × baseline | CPU ms/req | max RSS MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const s of scenarios) {
    const m = s.measurement
    if (!m) {
      lines.push(`| ${s.label} | | | | | | | | | | | ${s.note ?? 'not available'} |`)
      continue
    }
    const ratio = ratioOf(s, baselineRps)
    lines.push(
      `| ${s.label} | ${m.connections} | ${m.rps.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p975)} | ${ms(m.p99)} | ${
        m.errors
      } | ${(s.baselineRps ?? baselineRps).toFixed(0)} | ${ratio === null ? '' : `${(ratio * 100).toFixed(0)} %`} | ${
        m.cpuMsPerRequest?.toFixed(2) ?? ''
      } | ${m.maxRssMb.toFixed(0)} |`,
    )
  }
  return lines.join('\n')
}

export function judgeTargets(facts: RunFacts): Target[] {
  const get = (id: string) => facts.scenarios.find((s) => s.id === id) ?? null
  const targets: Target[] = []
  const add = (id: string, text: string, pass: boolean | null, measured: string) =>
    targets.push({ id, text, pass, measured })
  const province = facts.scale === 'province'

  for (const [id, name] of [
    ['lesson', 'lesson page'],
    ['learn', '/learn'],
  ] as const) {
    const m = get(id)?.measurement ?? null
    const ratio = ratioOf(get(id), facts.baselineRps)
    add(
      `1.${id}.throughput`,
      `${name}: throughput ≥ 40 % of baseline`,
      ratio === null ? null : ratio >= 0.4,
      ratio === null ? 'not run' : `${(ratio * 100).toFixed(0)} %`,
    )
    const cpu = m?.cpuMsPerRequest ?? null
    add(
      `1.${id}.cpu`,
      `${name}: server CPU ≤ 2.5 ms per request`,
      cpu === null ? null : cpu <= 2.5,
      cpu === null ? 'not run' : `${cpu.toFixed(2)} ms`,
    )
    const fixed = get(`fixed-${id}`)?.measurement ?? null
    add(
      `1.${id}.fixed`,
      `${name}: at ${facts.fixedRate} req/s offered, p99 < 100 ms with zero errors (and the rate achieved)`,
      fixed === null ? null : fixed.p99 < 100 && fixed.errors === 0 && fixed.rps >= facts.fixedRate * 0.95,
      fixed === null
        ? 'not run'
        : `p99 ${ms(fixed.p99)}, ${fixed.errors} errors, ${fixed.rps.toFixed(0)} req/s achieved`,
    )
  }
  for (const [id, name] of [
    ['lesson-done', 'lesson done (POST)'],
    ['quiz-submit', 'quiz submit (POST)'],
  ] as const) {
    const s = get(id)
    const m = s?.measurement ?? null
    const ratio = ratioOf(s, facts.baselineRps)
    add(
      `2.${id}`,
      `${name}: ≥ 30 % of baseline, zero errors, one record per success answer`,
      m === null || ratio === null ? null : ratio >= 0.3 && m.errors === 0 && s?.check?.ok === true,
      m === null || ratio === null
        ? 'not run'
        : `${(ratio * 100).toFixed(0)} %, ${m.errors} errors; ${s?.check?.detail ?? 'no check'}`,
    )
  }
  {
    const s = get('sync-start')
    const m = s?.measurement ?? null
    add(
      '3.sync-start',
      'synchronised start of 2,000 quiz takers: zero errors, p99 < 2 s',
      m === null ? null : m.errors === 0 && m.p99 < 2000 && s?.check?.ok !== false,
      m === null ? 'not run' : `${m.errors} errors, p99 ${ms(m.p99)}, max ${ms(m.maxMs)}; ${s?.check?.detail ?? ''}`,
    )
  }
  {
    const m = get('coverage')?.measurement ?? null
    const limit = province ? 1000 : 50
    add(
      '4.coverage',
      `coverage report, whole organisation: p50 < ${limit} ms (${facts.scale})`,
      m === null ? null : answered(m) && m.p50 < limit,
      m === null ? 'not run' : `p50 ${ms(m.p50)}, ${m.responses} answers, ${m.errors} errors`,
    )
    const x = get('coverage-xlsx')
    const xm = x?.measurement ?? null
    add(
      '4.xlsx',
      '.xlsx export: under 3 s at province scale',
      province && xm ? answered(xm) && xm.p50 < 3000 : null,
      xm
        ? `p50 ${ms(xm.p50)}, p99 ${ms(xm.p99)}${province ? '' : ' (target applies at province scale)'}`
        : x?.note ?? 'not run',
    )
    add(
      '4.memory',
      'server memory under 400 MB throughout',
      facts.peakRssMb < 400,
      `peak RSS ${facts.peakRssMb.toFixed(0)} MB (highest sampled during scenarios ${facts.maxRssMb.toFixed(0)} MB)`,
    )
  }
  add(
    '5.no-compile',
    'no request compiles MDX after start-up',
    facts.compiledDuringRun === null ? null : !facts.compiledDuringRun,
    facts.compiledDuringRun === null
      ? 'not checked'
      : facts.compiledDuringRun
      ? 'the lesson cache changed during the run'
      : 'lesson cache unchanged by every request',
  )
  add(
    '5.restart',
    'restart with unchanged content ready in < 3 s',
    facts.restartReadyMs === null ? null : facts.restartReadyMs < 3000 && facts.restartCompiled === 0,
    facts.restartReadyMs === null
      ? 'not run'
      : `${ms(facts.restartReadyMs)} to a healthy /healthz, ${facts.restartCompiled ?? '?'} lessons compiled`,
  )
  add(
    '6.js',
    'JavaScript shipped to a lesson page ≤ 200 KB gzip',
    facts.lessonJs ? facts.lessonJs.maxGzipBytes <= 200 * 1024 : null,
    facts.lessonJs
      ? `${(facts.lessonJs.maxGzipBytes / 1024).toFixed(1)} KB gzip (largest: ${facts.lessonJs.page})`
      : 'not measured',
  )
  return targets
}

export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map((t) => `${t.pass === null ? ' n/a' : t.pass ? 'PASS' : 'FAIL'}  ${t.text} — ${t.measured}`)
    .join('\n')
}
