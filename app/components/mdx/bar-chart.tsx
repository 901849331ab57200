import type { ReactElement } from 'react'
import { z } from 'zod'
import { formatNumber } from '~/i18n/format'
import { chartColors, chartSchemas, ChartFigure, halo, referenceDash, referenceText } from './chart-parts'
import { CHART_WIDTH, FONT_SIZE, formatValue, linearScale, niceTicks, r, SMALL_FONT_SIZE, textWidth, wrapText } from './chart-scale'
import { parseProps } from './shared'
import { mdxStrings } from './strings'

const BarChartProps = z.strictObject({
  title: chartSchemas.title,
  unit: chartSchemas.unit,
  decimals: chartSchemas.decimals,
  data: z
    .array(z.strictObject({ label: chartSchemas.label('label'), value: chartSchemas.value('value') }), {
      error: 'data must be a list: data={[{ label: "…", value: 1.5 }, …]}',
    })
    .min(1, 'data must have at least one bar')
    .max(40, 'data has more than 40 bars: use a table instead'),
  target: chartSchemas.reference.optional(),
})

export type BarChartProps = z.input<typeof BarChartProps>

const PAD = 8
const LINE = 17
const BAR = 18
const GAP = 12

/**
 * Horizontal bars: long Vietnamese category names get a full line above their bar instead of being squeezed
 * under a column, which keeps the chart readable on a phone. Bars always start at 0.
 */
export function BarChart(props: BarChartProps) {
  const { title, unit, decimals, data, target } = parseProps('BarChart', BarChartProps, props)
  const values = data.map((d) => d.value)
  const refs = target ? [target.value] : []
  const ticks = niceTicks(Math.min(0, ...values, ...refs), Math.max(0, ...values, ...refs), 4)
  const valueLabels = data.map((d) => formatValue(d.value, decimals, unit))
  const labelRoom = Math.max(...valueLabels.map((label) => textWidth(label))) + 6
  const hasNegative = values.some((v) => v < 0)
  const plotLeft = PAD + (hasNegative ? labelRoom : 0)
  const plotRight = CHART_WIDTH - PAD - labelRoom
  const x = linearScale(ticks.min, ticks.max, plotLeft, plotRight)
  const zero = x(0)

  let y = PAD
  const parts: ReactElement[] = []

  // The reference line's key sits above the bars, where it cannot collide with them.
  if (target) {
    const lines = wrapText(referenceText(target, decimals, unit), CHART_WIDTH - 2 * PAD - 32)
    parts.push(
      <g key="legend" className="chart-reference-key">
        <line x1={PAD} x2={PAD + 26} y1={y + 9} y2={y + 9} stroke={chartColors.reference} strokeWidth={2.5} strokeDasharray={referenceDash} />
        {lines.map((line, i) => (
          <text key={i} x={PAD + 32} y={y + 13 + i * LINE} fontSize={FONT_SIZE} fill={chartColors.text}>
            {line}
          </text>
        ))}
      </g>,
    )
    y += lines.length * LINE + 10
  }

  const barsTop = y
  const bars: ReactElement[] = []
  const labels = data.map((d, i) => {
    const lines = wrapText(d.label, CHART_WIDTH - 2 * PAD)
    const labelTop = y
    y += lines.length * LINE + 3
    const barTop = y
    y += BAR + GAP
    const end = x(d.value)
    bars.push(<rect key={i} x={r(Math.min(zero, end))} y={barTop} width={r(Math.abs(end - zero))} height={BAR} fill={chartColors.bar} />)
    return (
      <g key={i}>
        {lines.map((line, j) => (
          <text key={j} x={plotLeft + 6} y={labelTop + 13 + j * LINE} fontSize={FONT_SIZE} fill={chartColors.text} {...halo}>
            {line}
          </text>
        ))}
        <text
          x={r(d.value < 0 ? end - 4 : end + 4)}
          y={barTop + 13.5}
          textAnchor={d.value < 0 ? 'end' : 'start'}
          fontSize={FONT_SIZE}
          fontWeight={600}
          fill={chartColors.text}
          className="chart-value"
          {...halo}
        >
          {valueLabels[i]}
        </text>
      </g>
    )
  })
  const barsBottom = y - GAP + 4

  const grid = ticks.values.map((tick) => (
    <line
      key={tick}
      x1={r(x(tick))}
      x2={r(x(tick))}
      y1={barsTop - 2}
      y2={barsBottom}
      stroke={tick === 0 ? chartColors.axis : chartColors.grid}
      strokeWidth={tick === 0 ? 1.5 : 1}
    />
  ))
  const tickLabels = ticks.values.map((tick, i) => {
    const text = formatNumber(tick, { decimals: ticks.decimals })
    const half = textWidth(text, SMALL_FONT_SIZE) / 2
    const at = Math.min(Math.max(x(tick), PAD + half), CHART_WIDTH - PAD - half)
    return (
      <text key={i} x={r(at)} y={barsBottom + 16} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={chartColors.muted}>
        {text}
      </text>
    )
  })
  y = barsBottom + 16
  const unitLabel = unit.trim()
  if (unitLabel) {
    y += 17
    parts.push(
      <text key="unit" x={PAD} y={y} fontSize={SMALL_FONT_SIZE} fill={chartColors.muted} className="chart-unit">
        {mdxStrings.chart.unitLabel(unitLabel)}
      </text>,
    )
  }
  const height = Math.ceil(y + PAD)

  const description = [
    mdxStrings.chart.barSummary(data.length),
    data.length <= 15 ? `${data.map((d, i) => `${d.label}: ${valueLabels[i]}`).join('; ')}.` : '',
    target ? mdxStrings.chart.reference(referenceText(target, decimals, unit)) : '',
    data.length > 15 ? mdxStrings.chart.seeTable : '',
  ]
    .filter(Boolean)
    .join(' ')

  return (
    <ChartFigure
      kind="bar"
      title={title}
      description={description}
      width={CHART_WIDTH}
      height={height}
      table={{
        headers: [mdxStrings.chart.barCategory, unitLabel ? mdxStrings.chart.valueWithUnit(unitLabel) : mdxStrings.chart.value],
        rows: data.map((d, i) => ({ key: String(i), label: d.label, values: [formatNumber(d.value, { decimals })] })),
        note: target ? mdxStrings.chart.reference(referenceText(target, decimals, unit)) : undefined,
      }}
    >
      <g className="chart-grid">{grid}</g>
      <g className="chart-bars">{bars}</g>
      {target ? (
        <line
          className="chart-reference"
          x1={r(x(target.value))}
          x2={r(x(target.value))}
          y1={barsTop - 4}
          y2={barsBottom + 2}
          stroke={chartColors.reference}
          strokeWidth={2.5}
          strokeDasharray={referenceDash}
        />
      ) : null}
      <g className="chart-labels">{labels}</g>
      <g className="chart-axis">{tickLabels}</g>
      {parts}
    </ChartFigure>
  )
}
