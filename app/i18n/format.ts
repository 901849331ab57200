/**
 * The one place where dates, numbers and Vietnamese names are formatted, parsed, cleaned and sorted.
 * Shared by server and browser code; pure.
 */
export type Locale = 'vi' | 'en'

export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

// ---------------------------------------------------------------------------------------------------------
// Dates. Inside the app a date is an ISO string `YYYY-MM-DD`; people read and type dd/mm/yyyy.
// ---------------------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const VI_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** `2026-01-05` → `05/01/2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = ISO_DATE.exec(iso.slice(0, 10))
  if (!m) return iso
  return `${m[3]}/${m[2]}/${m[1]}`
}

/** `5/1/2026` or `05/01/2026` → `2026-01-05`; null for anything else, including 31/02/2025. */
export function parseViDate(input: string): string | null {
  const m = VI_DATE.exec(input.trim())
  if (!m) return null
  const day = Number(m[1])
  const month = Number(m[2])
  const year = Number(m[3])
  if (year < 1900 || year > 2200 || !isRealDate(year, month, day)) return null
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/**
 * The date line of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): days under 10 and the months
 * 1 and 2 take a leading zero. `2026-01-05` → `ngày 05 tháng 01 năm 2026`; `2026-03-17` → `ngày 17 tháng 3 năm 2026`.
 */
export function formatOfficialDate(iso: string): string {
  const m = ISO_DATE.exec(iso)
  if (!m) throw new Error(`Not an ISO date: ${iso}`)
  const day = Number(m[3])
  const month = Number(m[2])
  const monthText = month <= 2 ? pad2(month) : String(month)
  return `ngày ${pad2(day)} tháng ${monthText} năm ${m[1]}`
}

// Built once: creating an Intl.DateTimeFormat with a time zone costs about a millisecond, and every request
// asks for today's date (measured by npm run bench, docs/performance.md).
let vietnamDate: Intl.DateTimeFormat | undefined
let vietnamDateTime: Intl.DateTimeFormat | undefined

/** The calendar date in Việt Nam at `instant` (the server may run in UTC). */
export function isoDateInVietnam(instant: Date | number = Date.now()): string {
  vietnamDate ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  return vietnamDate.format(instant)
}

/** `dd/mm/yyyy hh:mm` in Việt Nam time. */
export function formatDateTime(instant: Date | number): string {
  vietnamDateTime ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
  const parts = vietnamDateTime.formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`
}

/** Adds whole days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const m = ISO_DATE.exec(iso)
  if (!m) throw new Error(`Not an ISO date: ${iso}`)
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days))
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

// ---------------------------------------------------------------------------------------------------------
// Numbers: decimal comma and thousands dot in Vietnamese (1.234,5); the English UI uses 1,234.5.
// ---------------------------------------------------------------------------------------------------------

const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(locale: Locale, decimals: number): Intl.NumberFormat {
  const key = `${locale}:${decimals}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    numberFormats.set(key, format)
  }
  return format
}

/** `4257581` → `4.257.581`; `6.68, 2` → `6,68`. */
export function formatNumber(value: number, options: { decimals?: number; locale?: Locale } = {}): string {
  return numberFormat(options.locale ?? 'vi', options.decimals ?? 0).format(value)
}

/** A percentage with 2 decimals (`83,21%`); an empty denominator (null) shows as an em dash, never 0 or 100. */
export function formatPercent(value: number | null | undefined, options: { decimals?: number; locale?: Locale } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return `${formatNumber(value, { decimals: options.decimals ?? 2, locale: options.locale })}%`
}

/**
 * A change with its sign, 2 decimals by default: `3.25` → `+3,25`, `-1.1` → `−1,10` (a true minus sign), `0` →
 * `0,00`; null (one side has no value) → an em dash.
 */
export function formatSignedNumber(value: number | null | undefined, options: { decimals?: number; locale?: Locale } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  const decimals = options.decimals ?? 2
  const rounded = Number(value.toFixed(decimals))
  const text = formatNumber(Math.abs(rounded), { decimals, locale: options.locale })
  return rounded > 0 ? `+${text}` : rounded < 0 ? `\u2212${text}` : text
}

/** Reads a number typed Vietnamese- or English-style: `1,63`, `1.63`, `1.234,5`, `-0,5`. Null if not a number. */
export function parseLocaleNumber(input: string): number | null {
  let s = input.trim().replace(/\s+/g, '')
  if (!/^[-+]?[\d.,]+$/.test(s)) return null
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  if (lastComma > -1 && lastDot > -1) {
    // The later separator is the decimal one; the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '')
  } else if (lastComma > -1) {
    s = (s.match(/,/g) ?? []).length > 1 ? s.replace(/,/g, '') : s.replace(',', '.')
  } else if ((s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, '')
  }
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

// ---------------------------------------------------------------------------------------------------------
// Vietnamese text and names
// ---------------------------------------------------------------------------------------------------------

/**
 * Cleans text from real files: Unicode NFC, the Icelandic look-alikes Ð/ð (U+00D0/U+00F0) read as Đ/đ
 * (U+0110/U+0111), control characters dropped, runs of white space collapsed, ends trimmed.
 */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\u00D0/g, '\u0110')
    .replace(/\u00F0/g, '\u0111')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Lower-case, accent-free, đ → d: "Nguyễn Văn Ân" → "nguyen van an". For search keys and loose matches. */
export function foldForSearch(input: string): string {
  return cleanText(input)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
}

/** True when every word of `query` occurs, accent-insensitively, in `text` ("dat dai" finds "đất đai"). */
export function matchesSearch(text: string, query: string): boolean {
  const q = foldForSearch(query)
  if (!q) return true
  const haystack = foldForSearch(text)
  return q.split(' ').every((word) => haystack.includes(word))
}

export type NameParts = { ho: string; chuDem: string; ten: string }

/**
 * A best guess at họ / chữ đệm / tên: first word họ, last word tên, the rest chữ đệm. Wrong for some names
 * (Khmer names such as "Thạch Trần Thị Cầm" may have a two-word họ), so HR can correct the parts.
 */
export function splitFullName(fullName: string): NameParts {
  const words = cleanText(fullName).split(' ').filter(Boolean)
  if (words.length === 0) return { ho: '', chuDem: '', ten: '' }
  if (words.length === 1) return { ho: '', chuDem: '', ten: words[0]! }
  return { ho: words[0]!, chuDem: words.slice(1, -1).join(' '), ten: words[words.length - 1]! }
}

/** "Nguyễn Văn An" from its parts. */
export function formatFullName(name: NameParts): string {
  return [name.ho, name.chuDem, name.ten].filter(Boolean).join(' ')
}

const vietnameseCollator = new Intl.Collator('vi')

/** Vietnamese collation of two strings (Ă, Â after A; Đ after D). */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b)
}

/** Staff-list order: by tên, then chữ đệm, then họ, each with Vietnamese collation. */
export function compareNames(a: NameParts, b: NameParts): number {
  return (
    vietnameseCollator.compare(a.ten, b.ten) ||
    vietnameseCollator.compare(a.chuDem, b.chuDem) ||
    vietnameseCollator.compare(a.ho, b.ho)
  )
}

/** Sorts a copy of `items` in staff-list order; ties keep their input order. */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => NameParts): T[] {
  return items
    .map((item, index) => ({ item, index, name: nameOf(item) }))
    .sort((a, b) => compareNames(a.name, b.name) || a.index - b.index)
    .map((entry) => entry.item)
}
