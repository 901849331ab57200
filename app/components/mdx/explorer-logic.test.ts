import { describe, expect, it } from 'vitest'
import {
  aggregate,
  aggregateDecimals,
  checkDataset,
  describeColumns,
  filterRows,
  formatCell,
  groupRows,
  nextSort,
  pageOf,
  sortRows,
  type Row,
} from './explorer-logic'
import { jsonForScript } from './island-json'
import type { Dataset } from './lesson-context'

const dataset: Dataset = {
  columns: ['Đơn vị', 'Năm', 'Tỷ lệ', 'Số hồ sơ', 'Ghi chú'],
  rows: [
    ['Đà Nẵng', 2024, 7.05, 1200, null],
    ['Dak Lak', 2023, 6.5, null, 'thiếu'],
    ['An Giang', 2024, 6.68, 40, 'đủ'],
    ['Ân Thi', 2023, null, 310, null],
    ['Bình Dương', 2024, 9, 7, 'đủ'],
  ],
}
const columns = describeColumns(dataset)
const names = (rows: readonly Row[]) => rows.map((row) => row[0])

describe('columns', () => {
  it('knows which columns are numeric and how many decimals they show', () => {
    expect(columns.map((c) => [c.name, c.numeric, c.decimals, c.yearLike])).toEqual([
      ['Đơn vị', false, 0, false],
      ['Năm', true, 0, true],
      ['Tỷ lệ', true, 2, false],
      ['Số hồ sơ', true, 0, false],
      ['Ghi chú', false, 0, false],
    ])
  })

  it('formats cells Vietnamese-style, years without a thousands dot', () => {
    expect(formatCell(7.05, columns[2]!)).toBe('7,05')
    expect(formatCell(9, columns[2]!)).toBe('9,00')
    expect(formatCell(1200, columns[3]!)).toBe('1.200')
    expect(formatCell(2024, columns[1]!)).toBe('2024')
    expect(formatCell(null, columns[2]!)).toBe('')
  })

  it('rejects data sets of the wrong shape or size', () => {
    expect(() => checkDataset({ columns: [], rows: [] }, 'x')).toThrow('x: the data set has no columns')
    expect(() => checkDataset({ columns: ['a'], rows: [[1, 2]] }, 'x')).toThrow('x: row 1 has 2 cells, the header has 1')
    expect(() => checkDataset({ columns: ['a'], rows: [[{}]] }, 'x')).toThrow(/not text, a number or empty/)
    expect(() => checkDataset({ columns: ['a'], rows: Array.from({ length: 2001 }, () => [1]) }, 'x')).toThrow(/at most 2\.000 rows/)
    expect(checkDataset(dataset, 'x')).toBe(dataset)
  })
})

describe('sorting', () => {
  it('sorts text with Vietnamese collation (Â after A, Đ after D)', () => {
    expect(names(sortRows(dataset.rows, { column: 0, direction: 'ascending' }))).toEqual(['An Giang', 'Ân Thi', 'Bình Dương', 'Dak Lak', 'Đà Nẵng'])
    expect(names(sortRows(dataset.rows, { column: 0, direction: 'descending' }))).toEqual(['Đà Nẵng', 'Dak Lak', 'Bình Dương', 'Ân Thi', 'An Giang'])
  })

  it('sorts numbers by value and puts empty cells last in both directions', () => {
    expect(names(sortRows(dataset.rows, { column: 2, direction: 'ascending' }))).toEqual(['Dak Lak', 'An Giang', 'Đà Nẵng', 'Bình Dương', 'Ân Thi'])
    expect(names(sortRows(dataset.rows, { column: 2, direction: 'descending' }))).toEqual(['Bình Dương', 'Đà Nẵng', 'An Giang', 'Dak Lak', 'Ân Thi'])
    // 40 before 310 before 1200: by value, not as text.
    expect(names(sortRows(dataset.rows, { column: 3, direction: 'ascending' }))).toEqual(['Bình Dương', 'An Giang', 'Ân Thi', 'Đà Nẵng', 'Dak Lak'])
  })

  it('keeps ties in their original order and leaves the input alone', () => {
    const sorted = sortRows(dataset.rows, { column: 1, direction: 'descending' })
    expect(names(sorted)).toEqual(['Đà Nẵng', 'An Giang', 'Bình Dương', 'Dak Lak', 'Ân Thi'])
    expect(dataset.rows[0]![0]).toBe('Đà Nẵng')
    expect(sortRows(dataset.rows, null)).toEqual(dataset.rows)
  })

  it('goes ascending on a new column, then flips', () => {
    const first = nextSort(null, 2)
    expect(first).toEqual({ column: 2, direction: 'ascending' })
    expect(nextSort(first, 2)).toEqual({ column: 2, direction: 'descending' })
    expect(nextSort(nextSort(first, 2), 2)).toEqual({ column: 2, direction: 'ascending' })
    expect(nextSort(first, 0)).toEqual({ column: 0, direction: 'ascending' })
  })
})

describe('filtering', () => {
  it('matches every word in any column, without accents', () => {
    expect(names(filterRows(dataset.rows, columns, { query: 'da nang', range: null }))).toEqual(['Đà Nẵng'])
    expect(names(filterRows(dataset.rows, columns, { query: 'DU', range: null }))).toEqual(['An Giang', 'Bình Dương'])
    expect(names(filterRows(dataset.rows, columns, { query: 'đủ 2024', range: null }))).toEqual(['An Giang', 'Bình Dương'])
    expect(filterRows(dataset.rows, columns, { query: '   ', range: null })).toHaveLength(5)
  })

  it('finds numbers written as shown (7,05; 1.200) or as in the file (7.05)', () => {
    expect(names(filterRows(dataset.rows, columns, { query: '7,05', range: null }))).toEqual(['Đà Nẵng'])
    expect(names(filterRows(dataset.rows, columns, { query: '7.05', range: null }))).toEqual(['Đà Nẵng'])
    expect(names(filterRows(dataset.rows, columns, { query: '1.200', range: null }))).toEqual(['Đà Nẵng'])
  })

  it('keeps rows inside a numeric range, bounds included, empty cells out', () => {
    const range = (min: number | null, max: number | null) => ({ query: '', range: { column: 2, min, max } })
    expect(names(filterRows(dataset.rows, columns, range(6.68, 9)))).toEqual(['Đà Nẵng', 'An Giang', 'Bình Dương'])
    expect(names(filterRows(dataset.rows, columns, range(null, 6.68)))).toEqual(['Dak Lak', 'An Giang'])
    expect(filterRows(dataset.rows, columns, range(null, null))).toHaveLength(5)
    expect(names(filterRows(dataset.rows, columns, { query: 'n', range: { column: 2, min: 7, max: null } }))).toEqual(['Đà Nẵng', 'Bình Dương'])
  })
})

describe('grouping', () => {
  it('counts rows per value, sorted, with empty keys last', () => {
    expect(groupRows(dataset.rows, { by: 4, aggregate: 'count', column: null })).toEqual([
      { key: 'đủ', count: 2, value: 2 },
      { key: 'thiếu', count: 1, value: 1 },
      { key: null, count: 2, value: 2 },
    ])
  })

  it('sums, averages and finds extremes, ignoring empty cells', () => {
    const by = (aggregateKind: 'sum' | 'average' | 'min' | 'max') =>
      groupRows(dataset.rows, { by: 1, aggregate: aggregateKind, column: 2 }).map((g) => [g.key, g.count, g.value])
    expect(by('sum')).toEqual([
      [2023, 2, 6.5],
      [2024, 3, 7.05 + 6.68 + 9],
    ])
    expect(by('average')[1]![2]).toBeCloseTo((7.05 + 6.68 + 9) / 3, 10)
    expect(by('average')[0]![2]).toBe(6.5)
    expect(by('min')).toEqual([
      [2023, 2, 6.5],
      [2024, 3, 6.68],
    ])
    expect(by('max')[1]![2]).toBe(9)
  })

  it('has no average of nothing', () => {
    expect(aggregate([null, 'x'], 'average')).toBeNull()
    expect(aggregate([null, 'x'], 'count')).toBe(2)
    expect(aggregate([], 'sum')).toBeNull()
  })

  it('shows averages with at least two decimals', () => {
    expect(aggregateDecimals('average', columns[3])).toBe(2)
    expect(aggregateDecimals('sum', columns[2])).toBe(2)
    expect(aggregateDecimals('count', columns[2])).toBe(0)
  })
})

describe('paging', () => {
  it('cuts 50 rows a page and clamps the page number', () => {
    expect(pageOf(1299, 1)).toEqual({ page: 1, pages: 26, from: 0, to: 50 })
    expect(pageOf(1299, 26)).toEqual({ page: 26, pages: 26, from: 1250, to: 1299 })
    expect(pageOf(1299, 99).page).toBe(26)
    expect(pageOf(0, 3)).toEqual({ page: 1, pages: 1, from: 0, to: 0 })
  })
})

describe('island JSON', () => {
  it('cannot close its script element and reads back unchanged', () => {
    const value = { rows: [['</script><script>alert(1)</script>', '<!--', 'a & b', '\u2028']] }
    const json = jsonForScript(value)
    expect(json).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(json)).toEqual(value)
  })
})
