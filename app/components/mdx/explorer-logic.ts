/**
 * The data explorer's arithmetic, free of React and the DOM: column types, cell display, sorting, filtering,
 * grouping. Shared by the server-rendered table and the browser island.
 */
import { compareVietnamese, foldForSearch, formatNumber, matchesSearch } from '~/i18n/format'
import type { Dataset } from './lesson-context'

export type Cell = string | number | null
export type Row = readonly Cell[]

export const MAX_ROWS = 2000
export const STATIC_ROWS = 20
export const PAGE_SIZE = 50

export type ColumnInfo = {
  name: string
  index: number
  /** Every non-empty cell is a number (and there is at least one). */
  numeric: boolean
  /** Decimals to show: the most any cell of the column has (CSV "5.50" arrives as 5.5, so this is a floor). */
  decimals: number
  /** Whole numbers 1900–2100 in a column named năm/year: shown without a thousands dot (2024, not 2.024). */
  yearLike: boolean
}

function decimalsIn(value: number): number {
  if (Number.isInteger(value)) return 0
  const text = String(value)
  if (text.includes('e')) return 6
  return Math.min(6, text.length - text.indexOf('.') - 1)
}

/** Checks a dataset's shape (the island reads it from the page) and throws a message naming the problem. */
export function checkDataset(value: unknown, where: string): Dataset {
  const data = value as Partial<Dataset> | null
  if (!data || !Array.isArray(data.columns) || !Array.isArray(data.rows)) throw new Error(`${where}: not a data set`)
  if (data.columns.length === 0) throw new Error(`${where}: the data set has no columns`)
  if (!data.columns.every((c) => typeof c === 'string')) throw new Error(`${where}: column names must be text`)
  if (data.rows.length > MAX_ROWS) {
    throw new Error(`${where}: ${data.rows.length} rows; a data set may have at most ${formatNumber(MAX_ROWS)} rows`)
  }
  data.rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== data.columns!.length) {
      throw new Error(`${where}: row ${i + 1} has ${Array.isArray(row) ? row.length : 0} cells, the header has ${data.columns!.length}`)
    }
    if (!row.every((cell) => cell === null || typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell)))) {
      throw new Error(`${where}: row ${i + 1} has a cell that is not text, a number or empty`)
    }
  })
  return data as Dataset
}

export function describeColumns(dataset: Dataset): ColumnInfo[] {
  return dataset.columns.map((name, index) => {
    let numbers = 0
    let others = 0
    let decimals = 0
    let years = true
    for (const row of dataset.rows) {
      const cell = row[index]
      if (typeof cell === 'number') {
        numbers++
        decimals = Math.max(decimals, decimalsIn(cell))
        if (!Number.isInteger(cell) || cell < 1900 || cell > 2100) years = false
      } else if (cell !== null && cell !== undefined) others++
    }
    const numeric = numbers > 0 && others === 0
    const yearLike = numeric && years && /\b(nam|year)\b/.test(foldForSearch(name))
    return { name, index, numeric, decimals, yearLike }
  })
}

/** A cell as shown: numbers Vietnamese-style with the column's decimals; '' for an empty cell. */
export function formatCell(cell: Cell | undefined, column: Pick<ColumnInfo, 'decimals' | 'yearLike'>): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return column.yearLike ? String(cell) : formatNumber(cell, { decimals: column.decimals })
  return cell
}

/** What the text filter searches in a row: every cell, numbers both as shown (7,05) and as in the file (7.05). */
export function rowSearchText(row: Row, columns: readonly ColumnInfo[]): string {
  return columns
    .map((column) => {
      const cell = row[column.index]
      if (typeof cell === 'number') return `${formatCell(cell, column)} ${String(cell)}`
      return cell ?? ''
    })
    .join(' | ')
}

/** Numbers before text; numbers by value, text in Vietnamese collation. Empty cells are handled by the caller. */
export function compareCells(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return compareVietnamese(a, b)
}

export type SortDirection = 'ascending' | 'descending'
export type SortState = { column: number; direction: SortDirection } | null

/** A sorted copy; empty cells always last, ties keep their order. */
export function sortRows<R extends Row>(rows: readonly R[], sort: SortState): R[] {
  if (!sort) return [...rows]
  const sign = sort.direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[sort.column] ?? null
      const y = b.row[sort.column] ?? null
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1
      return sign * compareCells(x, y) || a.index - b.index
    })
    .map((entry) => entry.row)
}

/** The next sort after a click on `column`'s header: ascending first, then flipping. */
export function nextSort(current: SortState, column: number): SortState {
  if (current && current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  }
  return { column, direction: 'ascending' }
}

export type RangeFilter = { column: number; min: number | null; max: number | null }
export type RowFilter = { query: string; range: RangeFilter | null }

/**
 * Rows matching every word of `query` (accent-insensitive, in any column) and inside the range. A range with
 * a bound drops rows whose cell is empty; a range with no bounds filters nothing.
 */
export function filterRows<R extends Row>(
  rows: readonly R[],
  columns: readonly ColumnInfo[],
  filter: RowFilter,
  searchText: (row: R) => string = (row) => rowSearchText(row, columns),
): R[] {
  const query = filter.query.trim()
  const range = filter.range && (filter.range.min !== null || filter.range.max !== null) ? filter.range : null
  return rows.filter((row) => {
    if (range) {
      const cell = row[range.column]
      if (typeof cell !== 'number') return false
      if (range.min !== null && cell < range.min) return false
      if (range.max !== null && cell > range.max) return false
    }
    return !query || matchesSearch(searchText(row), query)
  })
}

export const AGGREGATES = ['count', 'sum', 'average', 'min', 'max'] as const
export type Aggregate = (typeof AGGREGATES)[number]

/** count: every row; the others: the numbers only (empty cells ignored), null when there are none. */
export function aggregate(values: readonly Cell[], kind: Aggregate): number | null {
  if (kind === 'count') return values.length
  const numbers = values.filter((v): v is number => typeof v === 'number')
  if (numbers.length === 0) return null
  switch (kind) {
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0)
    case 'average':
      return numbers.reduce((a, b) => a + b, 0) / numbers.length
    case 'min':
      return Math.min(...numbers)
    case 'max':
      return Math.max(...numbers)
  }
}

export type GroupSpec = { by: number; aggregate: Aggregate; column: number | null }
export type Group = { key: Cell; count: number; value: number | null }

/** One line per distinct value of column `by` (empty cells form their own group, last), in sorted order. */
export function groupRows(rows: readonly Row[], spec: GroupSpec): Group[] {
  const groups = new Map<Cell, Cell[]>()
  for (const row of rows) {
    const key = row[spec.by] ?? null
    let values = groups.get(key)
    if (!values) groups.set(key, (values = []))
    values.push(spec.column === null ? null : (row[spec.column] ?? null))
  }
  const result = [...groups].map(([key, values]) => ({
    key,
    count: values.length,
    value: spec.aggregate === 'count' || spec.column === null ? values.length : aggregate(values, spec.aggregate),
  }))
  return result.sort((a, b) => (a.key === null || b.key === null ? (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) : compareCells(a.key, b.key)))
}

/** Decimals for an aggregate of a column: averages keep at least 2 (a share of 0/1 values reads as 0,86). */
export function aggregateDecimals(kind: Aggregate, column: ColumnInfo | undefined): number {
  if (kind === 'count' || !column) return 0
  return kind === 'average' ? Math.max(column.decimals, 2) : column.decimals
}

export type Page = { page: number; pages: number; from: number; to: number }

/** The rows [from, to) of page `page` (1-based, clamped). */
export function pageOf(total: number, page: number, size = PAGE_SIZE): Page {
  const pages = Math.max(1, Math.ceil(total / size))
  const current = Math.min(Math.max(1, page), pages)
  return { page: current, pages, from: (current - 1) * size, to: Math.min(total, current * size) }
}
