/**
 * A small RFC 4180 CSV reader: quoted fields with "" escapes and line breaks, CRLF or LF, an optional UTF-8 BOM,
 * a chosen delimiter. Returns rows of raw strings.
 */
export function parseCsv(text: string, delimiter = ',', { keepEmptyRows = false }: { keepEmptyRows?: boolean } = {}): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') {
      quoted = true
    } else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed')
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  // Imports keep empty lines so that row numbers match the file as the user sees it.
  return keepEmptyRows ? rows : rows.filter((r) => !(r.length === 1 && r[0] === ''))
}
