import { mdxStrings } from './strings'

/** An empty cell or value: a dash to the eye, a word to the ear. */
export function EmptyValue() {
  return (
    <span className="mdx-empty">
      <span aria-hidden="true">—</span>
      <span className="mdx-sr-only">{mdxStrings.chart.empty}</span>
    </span>
  )
}
