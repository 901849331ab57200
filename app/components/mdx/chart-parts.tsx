/** What BarChart and LineChart share: prop schemas, the figure around the SVG, the data table, colours. */
import type { ReactNode } from 'react'
import { z } from 'zod'
import { formatNumber } from '~/i18n/format'
import { decimalsOf, formatValue } from './chart-scale'
import { EmptyValue } from './empty-value'
import { useMdxId } from './shared'
import { mdxStrings } from './strings'

const finiteNumber = (what: string) =>
  z.number({ error: `${what} must be a number written with a dot for decimals (6.68), not in quotes` }).finite()

export const chartSchemas = {
  title: z.string({ error: 'title is required' }).trim().min(1, 'title must not be empty'),
  unit: z.string({ error: 'unit must be text, e.g. unit="%"' }).default(''),
  decimals: z
    .int({ error: 'decimals must be a whole number from 0 to 6' })
    .min(0, 'decimals must be a whole number from 0 to 6')
    .max(6, 'decimals must be a whole number from 0 to 6')
    .default(0),
  value: finiteNumber,
  label: (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`),
  reference: z.strictObject({
    value: finiteNumber('value'),
    label: z.string({ error: 'label is required' }).trim().min(1, 'label must not be empty'),
  }),
}

/** Colours (AA contrast on white for graphics and text) and presentation attributes, written into the SVG so a
 * chart stays readable even without the stylesheet; lesson.css only refines them. */
export const chartColors = {
  text: '#1c2430',
  muted: '#51606f',
  grid: '#d5dce4',
  axis: '#51606f',
  bar: '#0b5c8a',
  reference: '#b42318',
  series: ['#0b5c8a', '#8a5300', '#146c2e', '#6b3fa0'] as const,
}

/** Dash patterns so series differ in black and white print and for colour-blind readers, not only by colour. */
export const seriesDashes = ['', '7 4', '2 3', '10 3 2 3'] as const
export const referenceDash = '12 6'

/** A white outline behind text that sits on grid or reference lines. */
export const halo = { paintOrder: 'stroke', stroke: '#ffffff', strokeWidth: 3, strokeLinejoin: 'round' } as const

/** The label of a target/threshold line, with its value unless the author already wrote it in the label. */
export function referenceText(reference: { value: number; label: string }, decimals: number, unit: string): string {
  // The number as the author may have written it (15 or 15,0), and as a whole: "năm 2021" does not state 1.
  const written = [decimals, decimalsOf(reference.value)].map((d) => formatNumber(reference.value, { decimals: d }))
  const stated = written.some((number) => {
    const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`(^|[^\\d.,])${escaped}(?!\\d|[.,]\\d)`).test(reference.label)
  })
  return stated ? reference.label : `${reference.label} (${formatValue(reference.value, decimals, unit)})`
}

type TableProps = {
  title: string
  headers: string[]
  rows: { key: string; label: string; values: (string | null)[] }[]
  note?: string
}

/** The chart's numbers as a table, behind a "Xem bảng số liệu" disclosure (no script needed). */
function ChartDataTable({ title, headers, rows, note }: TableProps) {
  const [first, ...valueHeaders] = headers
  return (
    <details className="chart-data">
      <summary>{mdxStrings.chart.showData}</summary>
      <div className="table-scroll" role="region" aria-label={mdxStrings.chart.dataCaption(title)} tabIndex={0}>
        <table>
          <caption>{mdxStrings.chart.dataCaption(title)}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              {valueHeaders.map((header, i) => (
                <th scope="col" className="num" key={i}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, i) => (
                  <td className="num" key={i}>
                    {value === null ? <EmptyValue /> : value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {note ? <p className="chart-note">{note}</p> : null}
    </details>
  )
}

type FigureProps = {
  kind: 'bar' | 'line'
  title: string
  description: string
  width: number
  height: number
  children: ReactNode
  table: Omit<TableProps, 'title'>
}

/** A titled figure: the SVG (an image to assistive technology, with a text description) and its data table. */
export function ChartFigure({ kind, title, description, width, height, children, table }: FigureProps) {
  const titleId = useMdxId('chart-title')
  const descId = useMdxId('chart-desc')
  return (
    <figure className={`chart chart-${kind}`}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {children}
      </svg>
      <ChartDataTable title={title} {...table} />
    </figure>
  )
}
