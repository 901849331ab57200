import { z } from 'zod'
import { formatNumber } from '~/i18n/format'
import { EmptyValue } from './empty-value'
import { checkDataset, describeColumns, formatCell, STATIC_ROWS } from './explorer-logic'
import { DATA_EXPLORER_ISLAND, jsonForScript, type ExplorerPayload } from './island-json'
import { useLessonContext } from './lesson-context'
import { parseProps, useMdxId } from './shared'
import { mdxStrings } from './strings'

const DataExplorerProps = z.strictObject({
  src: z
    .string({ error: 'src is required: the name of a CSV file in the course’s datasets/ folder' })
    .trim()
    .min(1, 'src must name a CSV file in the course’s datasets/ folder')
    .refine((src) => /\.csv$/i.test(src), 'src must name a .csv file'),
  title: z.string({ error: 'title is required (it becomes the heading of the explorer)' }).trim().min(1, 'title must not be empty'),
})

/**
 * An island: on the server, a heading, the data set as JSON and a plain table of its first rows (what readers see
 * without JavaScript); in the browser, mountIslands (islands.ts) replaces the table with the interactive explorer.
 */
export function DataExplorer(props: { src: string; title: string }) {
  const { src, title } = parseProps('DataExplorer', DataExplorerProps, props)
  const found = useLessonContext().dataset(src)
  if (found === null) throw new Error(`<DataExplorer>: the file "${src}" is not in the course's datasets/ folder`)
  const dataset = checkDataset(found, `<DataExplorer src="${src}">`)
  const headingId = useMdxId('explorer')
  const columns = describeColumns(dataset)
  const shown = dataset.rows.slice(0, STATIC_ROWS)
  const payload: ExplorerPayload = { version: 1, title, columns: dataset.columns, rows: dataset.rows }
  return (
    <div className="data-explorer" data-island={DATA_EXPLORER_ISLAND} role="region" aria-labelledby={headingId}>
      <h3 className="data-explorer-title" id={headingId}>
        {title}
      </h3>
      <script type="application/json" className="data-explorer-data" dangerouslySetInnerHTML={{ __html: jsonForScript(payload) }} />
      <div className="data-explorer-static">
        <p className="data-explorer-note">
          {shown.length < dataset.rows.length
            ? mdxStrings.explorer.staticNote(formatNumber(shown.length), formatNumber(dataset.rows.length), formatNumber(columns.length))
            : mdxStrings.explorer.staticNoteAll(formatNumber(dataset.rows.length), formatNumber(columns.length))}
        </p>
        <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
          <table className="data-explorer-table">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th scope="col" key={column.index} className={column.numeric ? 'num' : undefined}>
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                <tr key={i}>
                  {columns.map((column) => (
                    <td key={column.index} className={column.numeric ? 'num' : undefined}>
                      {row[column.index] === null ? <EmptyValue /> : formatCell(row[column.index], column)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  )
}
