/**
 * The interactive data explorer, mounted in the browser by islands.ts (loaded with a dynamic import, so pages
 * without an explorer never download it). Everything here is plain React state over explorer-logic.ts.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { formatNumber, parseLocaleNumber } from '~/i18n/format'
import { EmptyValue } from './empty-value'
import {
  AGGREGATES,
  aggregateDecimals,
  checkDataset,
  describeColumns,
  filterRows,
  formatCell,
  groupRows,
  nextSort,
  pageOf,
  rowSearchText,
  sortRows,
  type Aggregate,
  type Cell,
  type ColumnInfo,
  type Row,
  type SortState,
} from './explorer-logic'
import type { ExplorerPayload } from './island-json'
import type { Dataset } from './lesson-context'
import { mdxStrings } from './strings'

const t = mdxStrings.explorer

type TableColumn = { name: string; numeric: boolean; format: (cell: Cell) => string }

const SORT_ICONS = { none: '↕', ascending: '▲', descending: '▼' } as const

function SortableTable(props: {
  caption: string
  columns: readonly TableColumn[]
  rows: readonly Row[]
  sort: SortState
  onSort: (sort: SortState) => void
  hintId: string
}) {
  const { caption, columns, rows, sort, onSort, hintId } = props
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-explorer-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const direction = sort?.column === i ? sort.direction : undefined
              return (
                <th scope="col" key={i} aria-sort={direction} className={column.numeric ? 'num' : undefined}>
                  <button
                    type="button"
                    className="dx-sort"
                    aria-describedby={hintId}
                    onClick={() => onSort(nextSort(sort, i))}
                  >
                    <span>{column.name}</span>
                    <span className="dx-sort-icon" aria-hidden="true">
                      {SORT_ICONS[direction ?? 'none']}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {columns.map((column, i) => {
                const cell = row[i] ?? null
                return (
                  <td key={i} className={column.numeric ? 'num' : undefined}>
                    {cell === null ? <EmptyValue /> : column.format(cell)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Explorer({ dataset }: { dataset: Dataset }) {
  const id = useId()
  const columns = useMemo(() => describeColumns(dataset), [dataset])
  const numericColumns = columns.filter((column) => column.numeric)
  const searchTexts = useMemo(
    () => new Map<Row, string>(dataset.rows.map((row) => [row, rowSearchText(row, columns)])),
    [dataset, columns],
  )

  const [query, setQuery] = useState('')
  const deferredQuery = useDeferredValue(query)
  const [rangeColumn, setRangeColumn] = useState<number | null>(null)
  const [rangeMin, setRangeMin] = useState('')
  const [rangeMax, setRangeMax] = useState('')
  const [groupBy, setGroupBy] = useState<number | null>(null)
  const [aggregateKind, setAggregateKind] = useState<Aggregate>('count')
  const [valueColumn, setValueColumn] = useState<number | null>(numericColumns[0]?.index ?? null)
  const [sort, setSort] = useState<SortState>(null)
  const [groupSort, setGroupSort] = useState<SortState>(null)
  const [page, setPage] = useState(1)

  const min = rangeMin.trim() ? parseLocaleNumber(rangeMin) : null
  const max = rangeMax.trim() ? parseLocaleNumber(rangeMax) : null
  const minInvalid = rangeMin.trim() !== '' && min === null
  const maxInvalid = rangeMax.trim() !== '' && max === null

  const filtered = useMemo(
    () =>
      filterRows(
        dataset.rows,
        columns,
        { query: deferredQuery, range: rangeColumn === null ? null : { column: rangeColumn, min, max } },
        (row) => searchTexts.get(row) ?? '',
      ),
    [dataset, columns, deferredQuery, rangeColumn, min, max, searchTexts],
  )
  const sorted = useMemo(() => sortRows(filtered, sort), [filtered, sort])
  const current = pageOf(sorted.length, page)

  const aggregateColumn = aggregateKind === 'count' ? null : valueColumn
  const groups = useMemo(
    () =>
      groupBy === null ? null : groupRows(filtered, { by: groupBy, aggregate: aggregateKind, column: aggregateColumn }),
    [filtered, groupBy, aggregateKind, aggregateColumn],
  )

  const tableColumns: TableColumn[] = columns.map((column) => ({
    name: column.name,
    numeric: column.numeric,
    format: (cell) => formatCell(cell, column),
  }))

  let groupTable: { columns: TableColumn[]; rows: Row[]; caption: string } | null = null
  if (groups && groupBy !== null) {
    const keyColumn = columns[groupBy]!
    const valueInfo: ColumnInfo | undefined = aggregateColumn === null ? undefined : columns[aggregateColumn]
    const decimals = aggregateDecimals(aggregateKind, valueInfo)
    const groupColumns: TableColumn[] = [
      { name: keyColumn.name, numeric: keyColumn.numeric, format: (cell) => formatCell(cell, keyColumn) },
      { name: t.countColumn, numeric: true, format: (cell) => formatNumber(Number(cell)) },
    ]
    if (aggregateKind !== 'count' && valueInfo) {
      groupColumns.push({
        name: t.aggregateColumn(t.aggregates[aggregateKind], valueInfo.name),
        numeric: true,
        format: (cell) => (typeof cell === 'number' ? formatNumber(cell, { decimals }) : String(cell)),
      })
    }
    const rows: Row[] = groups.map((group) =>
      aggregateKind !== 'count' && valueInfo ? [group.key, group.count, group.value] : [group.key, group.count],
    )
    groupTable = {
      columns: groupColumns,
      // An empty key is its own group; it reads "(trống)" rather than a dash.
      rows: sortRows(rows, groupSort).map((row) => (row[0] === null ? [t.emptyGroup, ...row.slice(1)] : row)),
      caption: t.groupCaption(keyColumn.name),
    }
  }

  const rangeInfo = rangeColumn === null ? null : columns[rangeColumn]
  const rangeSpan = useMemo(() => {
    if (!rangeInfo) return null
    const values = dataset.rows.map((row) => row[rangeInfo.index]).filter((v): v is number => typeof v === 'number')
    return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null
  }, [dataset, rangeInfo])

  const reset = () => {
    setQuery('')
    setRangeColumn(null)
    setRangeMin('')
    setRangeMax('')
    setGroupBy(null)
    setAggregateKind('count')
    setSort(null)
    setGroupSort(null)
    setPage(1)
  }

  const status = [t.rowCount(formatNumber(filtered.length), formatNumber(dataset.rows.length))]
  if (groups) status.push(t.groupCount(formatNumber(groups.length)))

  return (
    <div className="dx">
      <div className="dx-controls">
        <fieldset className="dx-fieldset">
          <legend>{t.filters}</legend>
          <div className="dx-field dx-field-wide">
            <label htmlFor={`${id}-q`}>{t.search}</label>
            <input
              id={`${id}-q`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={query}
              aria-describedby={`${id}-q-hint`}
              onChange={(event) => {
                setQuery(event.target.value)
                setPage(1)
              }}
            />
            <p className="dx-hint" id={`${id}-q-hint`}>
              {t.searchHint}
            </p>
          </div>
          <div className="dx-field">
            <label htmlFor={`${id}-rc`}>{t.rangeColumn}</label>
            <select
              id={`${id}-rc`}
              value={rangeColumn ?? ''}
              disabled={numericColumns.length === 0}
              onChange={(event) => {
                setRangeColumn(event.target.value === '' ? null : Number(event.target.value))
                setPage(1)
              }}
            >
              <option value="">{numericColumns.length ? t.noRange : t.noNumericColumn}</option>
              {numericColumns.map((column) => (
                <option key={column.index} value={column.index}>
                  {column.name}
                </option>
              ))}
            </select>
          </div>
          <div className="dx-range">
            <RangeBound
              id={`${id}-min`}
              hintId={`${id}-range-hint`}
              label={t.rangeFrom}
              value={rangeMin}
              disabled={rangeColumn === null}
              invalid={minInvalid}
              onChange={(value) => {
                setRangeMin(value)
                setPage(1)
              }}
            />
            <RangeBound
              id={`${id}-max`}
              hintId={`${id}-range-hint`}
              label={t.rangeTo}
              value={rangeMax}
              disabled={rangeColumn === null}
              invalid={maxInvalid}
              onChange={(value) => {
                setRangeMax(value)
                setPage(1)
              }}
            />
          </div>
          <p className="dx-hint" id={`${id}-range-hint`}>
            {t.rangeHint}
            {rangeInfo && rangeSpan
              ? ` ${t.rangeSpan(formatCell(rangeSpan.min, rangeInfo), formatCell(rangeSpan.max, rangeInfo))}`
              : ''}
          </p>
        </fieldset>

        <fieldset className="dx-fieldset">
          <legend>{t.grouping}</legend>
          <div className="dx-field">
            <label htmlFor={`${id}-g`}>{t.groupBy}</label>
            <select
              id={`${id}-g`}
              value={groupBy ?? ''}
              onChange={(event) => {
                setGroupBy(event.target.value === '' ? null : Number(event.target.value))
                setGroupSort(null)
              }}
            >
              <option value="">{t.noGroup}</option>
              {columns.map((column) => (
                <option key={column.index} value={column.index}>
                  {column.name}
                </option>
              ))}
            </select>
          </div>
          <div className="dx-field">
            <label htmlFor={`${id}-a`}>{t.aggregate}</label>
            <select
              id={`${id}-a`}
              value={aggregateKind}
              disabled={groupBy === null}
              onChange={(event) => {
                setAggregateKind(event.target.value as Aggregate)
                setGroupSort(null)
              }}
            >
              {AGGREGATES.filter((kind) => kind === 'count' || numericColumns.length > 0).map((kind) => (
                <option key={kind} value={kind}>
                  {t.aggregates[kind]}
                </option>
              ))}
            </select>
          </div>
          <div className="dx-field">
            <label htmlFor={`${id}-v`}>{t.valueColumn}</label>
            <select
              id={`${id}-v`}
              value={valueColumn ?? ''}
              disabled={groupBy === null || aggregateKind === 'count' || numericColumns.length === 0}
              onChange={(event) => {
                setValueColumn(event.target.value === '' ? null : Number(event.target.value))
                setGroupSort(null)
              }}
            >
              {numericColumns.length === 0 ? <option value="">{t.noNumericColumn}</option> : null}
              {numericColumns.map((column) => (
                <option key={column.index} value={column.index}>
                  {column.name}
                </option>
              ))}
            </select>
          </div>
        </fieldset>

        <div className="dx-actions">
          <button type="button" className="button button-quiet" onClick={reset}>
            {t.reset}
          </button>
        </div>
      </div>

      <p className="dx-status" role="status">
        {status.join(' · ')}
      </p>
      <p className="mdx-sr-only" id={`${id}-sort-hint`}>
        {t.sortHint}
      </p>

      {groupTable ? (
        <SortableTable
          caption={groupTable.caption}
          columns={groupTable.columns}
          rows={groupTable.rows}
          sort={groupSort}
          onSort={setGroupSort}
          hintId={`${id}-sort-hint`}
        />
      ) : sorted.length === 0 ? (
        <p className="dx-empty">{t.noRows}</p>
      ) : (
        <>
          <SortableTable
            caption={t.rowsCaption}
            columns={tableColumns}
            rows={sorted.slice(current.from, current.to)}
            sort={sort}
            onSort={(next) => {
              setSort(next)
              setPage(1)
            }}
            hintId={`${id}-sort-hint`}
          />
          {current.pages > 1 ? (
            <nav className="dx-pager" aria-label={t.pagination}>
              <button
                type="button"
                className="button button-quiet"
                aria-disabled={current.page === 1 || undefined}
                onClick={() => current.page > 1 && setPage(current.page - 1)}
              >
                {t.previous}
              </button>
              <span className="dx-page" aria-live="polite">
                {t.page(formatNumber(current.page), formatNumber(current.pages))} (
                {t.pageRows(formatNumber(current.from + 1), formatNumber(current.to))})
              </span>
              <button
                type="button"
                className="button button-quiet"
                aria-disabled={current.page === current.pages || undefined}
                onClick={() => current.page < current.pages && setPage(current.page + 1)}
              >
                {t.next}
              </button>
            </nav>
          ) : null}
        </>
      )}
    </div>
  )
}

/**
 * Reads the island's JSON, hides the static table and mounts the explorer in its place. The returned cleanup
 * unmounts it and shows the static table again, so mounting twice (React StrictMode, client navigation) is safe.
 */
export function mountDataExplorer(island: HTMLElement): () => void {
  const script = island.querySelector('script[type="application/json"]')
  const staticPart = island.querySelector<HTMLElement>('.data-explorer-static')
  if (!script || !staticPart) return () => {}
  let dataset: Dataset
  try {
    const payload = JSON.parse(script.textContent ?? '') as ExplorerPayload
    dataset = checkDataset(payload, 'data explorer')
  } catch (error) {
    console.error(error)
    return () => {}
  }
  const host = document.createElement('div')
  host.className = 'data-explorer-app'
  staticPart.after(host)
  staticPart.hidden = true
  const root = createRoot(host)
  root.render(<Explorer dataset={dataset} />)
  return () => {
    host.remove()
    staticPart.hidden = false
    // Deferred: the page usually calls this from an effect cleanup, while React is still committing.
    queueMicrotask(() => root.unmount())
  }
}

/** One end of the numeric range filter, with its error tied to it. */
function RangeBound(props: {
  id: string
  hintId: string
  label: string
  value: string
  disabled: boolean
  invalid: boolean
  onChange: (value: string) => void
}) {
  const { id, hintId, label, value, disabled, invalid, onChange } = props
  return (
    <div className="dx-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={`${hintId}${invalid ? ` ${id}-error` : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid ? (
        <p className="dx-error" id={`${id}-error`}>
          {t.notANumber}
        </p>
      ) : null}
    </div>
  )
}
