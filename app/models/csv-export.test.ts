import { describe, expect, it } from 'vitest'
import { parseCsv } from '~/content/csv'
import { csvCell, csvHeaders, toCsv } from './csv-export'

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, a header row, commas and CRLF', () => {
    const csv = toCsv({ header: ['Họ và tên', 'Số tiết'], rows: [['Nguyễn Thị Ánh', 4], ['Thạch Sô Phê', null]] })
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toBe('\uFEFFHọ và tên,Số tiết\r\nNguyễn Thị Ánh,4\r\nThạch Sô Phê,\r\n')
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('quotes commas, quotes and line breaks so the file reads back as written', () => {
    const rows = [['a,b', 'say "hi"', 'line\nbreak', ' padded ', 'plain']]
    const csv = toCsv({ header: ['1', '2', '3', '4', '5'], rows })
    expect(parseCsv(csv).filter((r) => r.length > 1)).toEqual([['1', '2', '3', '4', '5'], ...rows])
  })

  it('neutralises text cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+84 912')).toBe("'+84 912")
    expect(csvCell('-1+2')).toBe("'-1+2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell('a=b')).toBe('a=b')
    // Numbers stay numbers: a negative number is not a formula.
    expect(csvCell(-2.5)).toBe('-2.5')
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('names the download in ASCII and in UTF-8', () => {
    const headers = csvHeaders({ fileName: 'nhật-ký-2026.csv' })
    expect(headers['Content-Type']).toBe('text/csv; charset=utf-8')
    expect(headers['Content-Disposition']).toBe(`attachment; filename="nhat-ky-2026.csv"; filename*=UTF-8''${encodeURIComponent('nhật-ký-2026.csv')}`)
  })
})
