import { describe, expect, it } from 'vitest'
import {
  addDays,
  cleanText,
  compareVietnamese,
  foldForSearch,
  formatDate,
  formatDateTime,
  formatFullName,
  formatNumber,
  formatOfficialDate,
  formatPercent,
  formatSignedNumber,
  isIsoDate,
  isoDateInVietnam,
  matchesSearch,
  parseLocaleNumber,
  parseViDate,
  sortByName,
  splitFullName,
} from './format'

describe('dates', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-01-05')).toBe('05/01/2026')
    expect(formatDate('2025-12-31')).toBe('31/12/2025')
    expect(formatDate(null)).toBe('')
  })

  it('reads dd/mm/yyyy and refuses impossible dates and other formats', () => {
    expect(parseViDate('05/01/2026')).toBe('2026-01-05')
    expect(parseViDate('5/1/2026')).toBe('2026-01-05')
    expect(parseViDate(' 29/02/2024 ')).toBe('2024-02-29')
    expect(parseViDate('29/02/2025')).toBeNull()
    expect(parseViDate('31/02/2025')).toBeNull()
    expect(parseViDate('31/04/2025')).toBeNull()
    expect(parseViDate('2025-02-01')).toBeNull()
    expect(parseViDate('01-02-2025')).toBeNull()
    expect(parseViDate('13/13/2025')).toBeNull()
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2024-02-29')).toBe(true)
  })

  it('writes the official date line with leading zeros only for days under 10 and months 1–2', () => {
    expect(formatOfficialDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026')
    expect(formatOfficialDate('2024-01-17')).toBe('ngày 17 tháng 01 năm 2024')
    expect(formatOfficialDate('2024-10-29')).toBe('ngày 29 tháng 10 năm 2024')
    expect(formatOfficialDate('2025-03-01')).toBe('ngày 01 tháng 3 năm 2025')
    expect(formatOfficialDate('2025-02-20')).toBe('ngày 20 tháng 02 năm 2025')
  })

  it('takes the calendar date in Việt Nam, not UTC', () => {
    // 31/12/2025 18:30 UTC is already 01/01/2026 in Việt Nam (UTC+7).
    expect(isoDateInVietnam(Date.UTC(2025, 11, 31, 18, 30))).toBe('2026-01-01')
    expect(isoDateInVietnam(Date.UTC(2025, 11, 31, 16, 59))).toBe('2025-12-31')
    expect(formatDateTime(Date.UTC(2026, 0, 5, 2, 7))).toBe('05/01/2026 09:07')
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
  })
})

describe('numbers', () => {
  it('uses the decimal comma and the thousands dot in Vietnamese', () => {
    expect(formatNumber(4257581)).toBe('4.257.581')
    expect(formatNumber(1234.5, { decimals: 1 })).toBe('1.234,5')
    expect(formatNumber(6296.2, { decimals: 2 })).toBe('6.296,20')
    expect(formatNumber(1234.5, { decimals: 1, locale: 'en' })).toBe('1,234.5')
  })

  it('shows percentages with 2 decimals and an empty denominator as a dash', () => {
    expect(formatPercent(83.2149)).toBe('83,21%')
    expect(formatPercent(6.68)).toBe('6,68%')
    expect(formatPercent(100)).toBe('100,00%')
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(83.2149, { locale: 'en' })).toBe('83.21%')
  })

  it('writes a change with its sign and a true minus, and a dash when a side is missing', () => {
    expect(formatSignedNumber(3.25)).toBe('+3,25')
    expect(formatSignedNumber(-1.1)).toBe('\u22121,10')
    expect(formatSignedNumber(-0.001)).toBe('0,00')
    expect(formatSignedNumber(0)).toBe('0,00')
    expect(formatSignedNumber(null)).toBe('—')
    expect(formatSignedNumber(12.5, { locale: 'en' })).toBe('+12.50')
  })

  it('reads numbers typed either way', () => {
    expect(parseLocaleNumber('1,63')).toBe(1.63)
    expect(parseLocaleNumber('1.63')).toBe(1.63)
    expect(parseLocaleNumber('1.234,5')).toBe(1234.5)
    expect(parseLocaleNumber('1,234.5')).toBe(1234.5)
    expect(parseLocaleNumber('4.257.581')).toBe(4257581)
    expect(parseLocaleNumber('-0,5')).toBe(-0.5)
    expect(parseLocaleNumber('12a')).toBeNull()
    expect(parseLocaleNumber('')).toBeNull()
  })
})

describe('Vietnamese text', () => {
  it('reads the look-alike Ð (U+00D0) as Đ (U+0110) and normalises to NFC', () => {
    const fromFile = 'Tr\u1EA7n H\u1EA3i \u00D0\u01B0\u1EDDng'
    expect(cleanText(fromFile)).toBe('Trần Hải Đường')
    expect(cleanText(fromFile).charCodeAt(9)).toBe(0x0110)
    const decomposed = 'Nguye\u0302\u0303n'
    expect(cleanText(decomposed)).toBe('Nguyễn')
    expect(cleanText('  Lê   Thị\u00A0 Hoa \u200B')).toBe('Lê Thị Hoa')
  })

  it('folds accents for search', () => {
    expect(foldForSearch('Nguyễn Văn Ân')).toBe('nguyen van an')
    expect(foldForSearch('Đất đai')).toBe('dat dai')
    expect(matchesSearch('Nguyễn Văn An', 'nguyen van an')).toBe(true)
    expect(matchesSearch('Phòng Quản lý đất đai', 'dat dai')).toBe(true)
    expect(matchesSearch('Phòng Quản lý đất đai', 'moi truong')).toBe(false)
    expect(matchesSearch('Trần Hải \u00D0ường', 'duong')).toBe(true)
  })

  it('sorts Đ after D and Ă, Â after A', () => {
    const sorted = ['Đức', 'Dũng', 'Ân', 'Anh', 'Ăn', 'Bình', 'Em'].sort(compareVietnamese)
    expect(sorted).toEqual(['Anh', 'Ăn', 'Ân', 'Bình', 'Dũng', 'Đức', 'Em'])
  })
})

describe('names', () => {
  it('guesses họ / chữ đệm / tên, which HR can correct for Khmer names', () => {
    expect(splitFullName('Nguyễn Văn An')).toEqual({ ho: 'Nguyễn', chuDem: 'Văn', ten: 'An' })
    expect(splitFullName('  Lê   Thị Thu  Hà ')).toEqual({ ho: 'Lê', chuDem: 'Thị Thu', ten: 'Hà' })
    expect(splitFullName('Thạch Trần Thị Cầm')).toEqual({ ho: 'Thạch', chuDem: 'Trần Thị', ten: 'Cầm' })
    expect(splitFullName('Sơn')).toEqual({ ho: '', chuDem: '', ten: 'Sơn' })
    expect(formatFullName({ ho: 'Kim', chuDem: 'Thị', ten: 'Sa Rinh' })).toBe('Kim Thị Sa Rinh')
  })

  it('sorts staff lists by tên, then chữ đệm, then họ', () => {
    const people = [
      'Trần Văn Đức',
      'Nguyễn Văn Dũng',
      'Lê Thị An',
      'Thạch Trần Thị Cầm',
      'Nguyễn Thị An',
      'Phạm Văn An',
      'Đặng Văn An',
      'Kim Thị Sa Rinh',
      'Danh Hoàng Dũng',
    ].map(splitFullName)
    const sorted = sortByName(people, (p) => p).map(formatFullName)
    expect(sorted).toEqual([
      // An: chữ đệm Thị before Văn; within Thị, họ Lê before Nguyễn; within Văn, Đặng after … Phạm? No: D/Đ before P.
      'Lê Thị An',
      'Nguyễn Thị An',
      'Đặng Văn An',
      'Phạm Văn An',
      'Thạch Trần Thị Cầm',
      'Danh Hoàng Dũng',
      'Nguyễn Văn Dũng',
      'Trần Văn Đức',
      'Kim Thị Sa Rinh',
    ])
  })
})
