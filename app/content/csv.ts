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
  const n = text.length
  // Runs of ordinary characters are sliced, not appended one by one: a field of megabytes stays linear and fast.
  while (i < n) {
    if (quoted) {
      const q = text.indexOf('"', i)
      if (q < 0) {
        field += text.slice(i)
        i = n
      } else if (text[q + 1] === '"') {
        field += text.slice(i, q + 1)
        i = q + 2
      } else {
        field += text.slice(i, q)
        quoted = false
        i = q + 1
      }
      continue
    }
    const ch = text[i]!
    if (ch === '"' && field === '') {
      quoted = true
      i++
    } else if (ch === delimiter) {
      row.push(field)
      field = ''
      i++
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else {
      let j = i + 1
      while (j < n) {
        const c = text[j]
        if (c === delimiter || c === '\n' || c === '\r' || c === '"') break
        j++
      }
      field += text.slice(i, j)
      i = j
    }
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed')
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  // Imports keep empty lines so that row numbers match the file as the user sees it.
  return keepEmptyRows ? rows : rows.filter((r) => !(r.length === 1 && r[0] === ''))
}
