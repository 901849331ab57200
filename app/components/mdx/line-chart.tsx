import type { ReactElement } from 'react'
import { z } from 'zod'
import { formatNumber } from '~/i18n/format'
import { chartColors, chartSchemas, ChartFigure, halo, referenceDash, referenceText, seriesDashes } from './chart-parts'
import { CHART_WIDTH, FONT_SIZE, formatValue, linearScale, niceTicks, r, SMALL_FONT_SIZE, textWidth, wrapText } from './chart-scale'
import { parseProps } from './shared'
import { mdxStrings } from './strings'

const Point = z.strictObject({
  x: chartSchemas.label('x'),
  y: z.union([chartSchemas.value('y'), z.null()], {
    error: 'y must be a number written with a dot for decimals (6.68), or null for a missing value',
  }),
})

const Series = z.strictObject({
  name: chartSchemas.label('name'),
  points: z.array(Point, { error: 'points must be a list: points: [{ x: "01/3", y: 7.1 }, …]' }).min(1, 'points must not be empty'),
})

const LineChartProps = z
  .strictObject({
    title: chartSchemas.title,
    unit: chartSchemas.unit,
    decimals: chartSchemas.decimals,
    series: z
      .array(Series, { error: 'series must be a list: series={[{ name: "…", points: […] }]}' })
      .min(1, 'series must have at least one series')
      .max(4, 'series has more than 4 series: split the chart in two'),
    threshold: chartSchemas.reference.optional(),
  })
  .superRefine(({ series }, ctx) => {
    const xs = series[0]!.points.map((p) => p.x)
    const duplicate = xs.find((x, i) => xs.indexOf(x) !== i)
    if (duplicate !== undefined) ctx.addIssue({ code: 'custom', path: ['series', 0, 'points'], message: `x "${duplicate}" appears twice` })
    series.forEach((s, i) => {
      if (i > 0 && (s.points.length !== xs.length || s.points.some((p, j) => p.x !== xs[j]))) {
        ctx.addIssue({
          code: 'custom',
          path: ['series', i, 'points'],
          message: `series "${s.name}" must list the same x values, in the same order, as series "${series[0]!.name}" (use y: null for a missing value)`,
        })
      }
    })
    if (series.every((s) => s.points.every((p) => p.y === null))) {
      ctx.addIssue({ code: 'custom', path: ['series'], message: 'every y is null: there is nothing to draw' })
    }
  })

export type LineChartProps = z.input<typeof LineChartProps>

const PAD = 8
const PLOT_HEIGHT = 190
const MARKER_LIMIT = 40

/** Marker shapes, one per series, centred on (x, y): with the dash pattern they tell series apart without colour. */
function marker(series: number, x: number, y: number, color: string, key: string | number, s = 3.4): ReactElement {
  switch (series) {
    case 1:
      return <rect key={key} x={r(x - s)} y={r(y - s)} width={s * 2} height={s * 2} fill={color} />
    case 2:
      return <path key={key} d={`M${r(x)} ${r(y - s - 1)}L${r(x + s + 0.6)} ${r(y + s)}L${r(x - s - 0.6)} ${r(y + s)}Z`} fill={color} />
    case 3:
      return <path key={key} d={`M${r(x)} ${r(y - s - 1)}L${r(x + s + 1)} ${r(y)}L${r(x)} ${r(y + s + 1)}L${r(x - s - 1)} ${r(y)}Z`} fill={color} />
    default:
      return <circle key={key} cx={r(x)} cy={r(y)} r={s} fill={color} />
  }
}

/** Runs of consecutive non-null values: each becomes its own path, so the line breaks at a gap. */
export function segmentsOf(values: readonly (number | null)[]): { start: number; values: number[] }[] {
  const runs: { start: number; values: number[] }[] = []
  values.forEach((value, i) => {
    if (value === null) return
    const last = runs[runs.length - 1]
    if (last && last.start + last.values.length === i) last.values.push(value)
    else runs.push({ start: i, values: [value] })
  })
  return runs
}

/** "14h–21h, 29/3": the x labels of missing values, consecutive ones joined as a range. */
function missingRanges(xs: readonly string[], values: readonly (number | null)[]): string {
  const ranges: string[] = []
  let start = -1
  values.forEach((value, i) => {
    if (value === null && start === -1) start = i
    if (start !== -1 && (value !== null || i === values.length - 1)) {
      const end = value === null ? i : i - 1
      ranges.push(start === end ? xs[start]! : `${xs[start]}–${xs[end]}`)
      start = -1
    }
  })
  return ranges.join(', ')
}

/** A time series (or any ordered labels) as lines; y may be null for a gap, up to 4 series, an optional threshold. */
export function LineChart(props: LineChartProps) {
  const { title, unit, decimals, series, threshold } = parseProps('LineChart', LineChartProps, props)
  const xs = series[0]!.points.map((p) => p.x)
  const n = xs.length
  const all = series.flatMap((s) => s.points.map((p) => p.y)).filter((v): v is number => v !== null)
  const withReference = threshold ? [...all, threshold.value] : all
  let lo = Math.min(...withReference)
  const hi = Math.max(...withReference)
  // Start at 0 unless the values sit in a narrow band far from it (pH around 7): then the axis says where it starts.
  if (lo >= 0 && lo <= hi * 0.5) lo = 0
  const ticks = niceTicks(lo, hi, 5)
  const unitLabel = unit.trim()

  let y = PAD
  const parts: ReactElement[] = []

  // A legend only for two or more series; a single series is named by the title.
  if (series.length > 1) {
    let x = PAD
    series.forEach((s, i) => {
      const width = 34 + textWidth(s.name)
      if (x > PAD && x + width > CHART_WIDTH - PAD) {
        x = PAD
        y += 20
      }
      const color = chartColors.series[i]!
      parts.push(
        <g key={`legend-${i}`} className={`chart-legend-item chart-series-${i + 1}`}>
          <line x1={x} x2={x + 28} y1={y + 8} y2={y + 8} stroke={color} strokeWidth={2.25} strokeDasharray={seriesDashes[i] || undefined} />
          {marker(i, x + 14, y + 8, color, 'm')}
          <text x={x + 34} y={y + 12} fontSize={FONT_SIZE} fill={chartColors.text}>
            {s.name}
          </text>
        </g>,
      )
      x += width + 14
    })
    y += 24
  }
  if (unitLabel) {
    parts.push(
      <text key="unit" x={PAD} y={y + 10} fontSize={SMALL_FONT_SIZE} fill={chartColors.muted} className="chart-unit">
        {mdxStrings.chart.unitLabel(unitLabel)}
      </text>,
    )
    y += 18
  }

  const yLabels = ticks.values.map((tick) => formatNumber(tick, { decimals: ticks.decimals }))
  const xLabelWidth = Math.max(...xs.map((x) => textWidth(x, SMALL_FONT_SIZE)))
  const plotLeft = Math.max(PAD + Math.max(...yLabels.map((t) => textWidth(t, SMALL_FONT_SIZE))) + 6, PAD + textWidth(xs[0]!, SMALL_FONT_SIZE) / 2)
  const plotRight = CHART_WIDTH - PAD - (n > 1 ? xLabelWidth / 2 : 0)
  const plotTop = y + 8
  const plotBottom = plotTop + PLOT_HEIGHT
  const xAt = (i: number) => (n === 1 ? (plotLeft + plotRight) / 2 : plotLeft + (i * (plotRight - plotLeft)) / (n - 1))
  const yAt = linearScale(ticks.min, ticks.max, plotBottom, plotTop)
  // Show every k-th x label so that labels never overlap.
  const spacing = n > 1 ? (plotRight - plotLeft) / (n - 1) : Infinity
  const every = Math.max(1, Math.ceil((xLabelWidth + 8) / spacing))

  const grid = ticks.values.map((tick, i) => (
    <g key={i}>
      <line x1={r(plotLeft)} x2={r(plotRight)} y1={r(yAt(tick))} y2={r(yAt(tick))} stroke={chartColors.grid} strokeWidth={1} />
      <text x={r(plotLeft - 6)} y={r(yAt(tick) + 4)} textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={chartColors.muted}>
        {yLabels[i]}
      </text>
    </g>
  ))
  const xAxis = xs.map((label, i) =>
    i % every === 0 ? (
      <g key={i}>
        <line x1={r(xAt(i))} x2={r(xAt(i))} y1={plotBottom} y2={plotBottom + 4} stroke={chartColors.axis} />
        <text x={r(xAt(i))} y={plotBottom + 18} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={chartColors.muted}>
          {label}
        </text>
      </g>
    ) : null,
  )

  const lines = series.map((s, i) => {
    const color = chartColors.series[i]!
    const values = s.points.map((p) => p.y)
    const runs = segmentsOf(values)
    const isolated = new Set(runs.filter((run) => run.values.length === 1).map((run) => run.start))
    return (
      <g key={i} className={`chart-series chart-series-${i + 1}`}>
        {runs
          .filter((run) => run.values.length > 1)
          .map((run) => (
            <path
              key={run.start}
              className="chart-line"
              d={run.values.map((v, j) => `${j === 0 ? 'M' : 'L'}${r(xAt(run.start + j))} ${r(yAt(v))}`).join('')}
              fill="none"
              stroke={color}
              strokeWidth={2.25}
              strokeLinejoin="round"
              strokeLinecap="round"
              strokeDasharray={seriesDashes[i] || undefined}
            />
          ))}
        {values.map((v, j) => (v !== null && (n <= MARKER_LIMIT || isolated.has(j)) ? marker(i, xAt(j), yAt(v), color, j, n > 20 ? 2.6 : 3.4) : null))}
      </g>
    )
  })

  let reference: ReactElement | null = null
  let referenceLabel: ReactElement | null = null
  if (threshold) {
    const at = yAt(threshold.value)
    const labelLines = wrapText(referenceText(threshold, decimals, unit), (plotRight - plotLeft) * 0.9)
    // Above the line when there is room, below it otherwise.
    const above = at - labelLines.length * 15 - 2 >= plotTop - 6
    reference = (
      <line
        className="chart-reference"
        x1={r(plotLeft)}
        x2={r(plotRight)}
        y1={r(at)}
        y2={r(at)}
        stroke={chartColors.reference}
        strokeWidth={2.5}
        strokeDasharray={referenceDash}
      />
    )
    // Drawn after the lines, with a white outline, so the data never hides it.
    referenceLabel = (
      <g className="chart-reference-label">
        {labelLines.map((line, i) => (
          <text
            key={i}
            x={r(plotRight)}
            y={r(above ? at - 5 - (labelLines.length - 1 - i) * 15 : at + 16 + i * 15)}
            textAnchor="end"
            fontSize={FONT_SIZE}
            fontWeight={600}
            fill={chartColors.reference}
            {...halo}
          >
            {line}
          </text>
        ))}
      </g>
    )
  }

  const height = Math.ceil(plotBottom + 18 + PAD)

  const format = (v: number) => formatValue(v, decimals, unit)
  const perSeries = series.map((s) => {
    const known = s.points.filter((p): p is { x: string; y: number } => p.y !== null)
    const low = known.reduce((a, b) => (b.y < a.y ? b : a), known[0] ?? { x: '', y: 0 })
    const high = known.reduce((a, b) => (b.y > a.y ? b : a), known[0] ?? { x: '', y: 0 })
    const missing = missingRanges(xs, s.points.map((p) => p.y))
    const parts = known.length ? [mdxStrings.chart.lowHigh(s.name, format(low.y), low.x, format(high.y), high.x)] : []
    if (missing) parts.push(mdxStrings.chart.missing(missing))
    return `${parts.join('; ')}.`
  })
  const description = [
    mdxStrings.chart.lineSummary(series.length, n, xs[0]!, xs[n - 1]!),
    ticks.min !== 0 ? mdxStrings.chart.axisStart(formatNumber(ticks.min, { decimals: ticks.decimals })) : '',
    ...perSeries,
    threshold ? mdxStrings.chart.reference(referenceText(threshold, decimals, unit)) : '',
    threshold ? mdxStrings.chart.aboveReference(all.filter((v) => v > threshold.value).length) : '',
    mdxStrings.chart.seeTable,
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <ChartFigure
      kind="line"
      title={title}
      description={description}
      width={CHART_WIDTH}
      height={height}
      table={{
        headers: [mdxStrings.chart.lineCategory, ...series.map((s) => (unitLabel ? `${s.name} (${unitLabel})` : s.name))],
        rows: xs.map((x, i) => ({
          key: String(i),
          label: x,
          values: series.map((s) => {
            const v = s.points[i]!.y
            return v === null ? null : formatNumber(v, { decimals })
          }),
        })),
        note: threshold ? mdxStrings.chart.reference(referenceText(threshold, decimals, unit)) : undefined,
      }}
    >
      <g className="chart-grid">{grid}</g>
      <line x1={r(plotLeft)} x2={r(plotRight)} y1={plotBottom} y2={plotBottom} stroke={chartColors.axis} strokeWidth={1.5} />
      <g className="chart-axis">{xAxis}</g>
      {reference}
      {lines}
      {referenceLabel}
      {parts}
    </ChartFigure>
  )
}
