import { describe, expect, it } from 'vitest'
import {
  CERTIFICATE_CODE_ALPHABET,
  formatCertificateCode,
  newCertificateCode,
  normaliseCertificateCode,
} from './certificate-code'

describe('certificate codes', () => {
  it('use 32 symbols without look-alikes', () => {
    expect(CERTIFICATE_CODE_ALPHABET).toHaveLength(32)
    expect(new Set(CERTIFICATE_CODE_ALPHABET).size).toBe(32)
    for (const lookAlike of ['I', 'O', '0', '1']) expect(CERTIFICATE_CODE_ALPHABET).not.toContain(lookAlike)
  })

  it('are 12 characters of that alphabet, different each time', () => {
    const codes = Array.from({ length: 500 }, () => newCertificateCode())
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(new Set(codes).size).toBe(500)
    // Every symbol turns up: the default generator is not stuck on part of the alphabet.
    expect(new Set(codes.join('')).size).toBe(32)
  })

  it('follow the given random source, edges included', () => {
    expect(newCertificateCode(() => 0)).toBe('AAAAAAAAAAAA')
    expect(newCertificateCode(() => 0.999999999)).toBe('999999999999')
    expect(newCertificateCode(() => 1)).toBe('999999999999')
    let i = 0
    expect(newCertificateCode(() => (i++ % 32) / 32)).toBe('ABCDEFGHJKLM')
  })

  it('are shown grouped in fours', () => {
    expect(formatCertificateCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM')
    expect(formatCertificateCode('abcd efgh jklm')).toBe('ABCD-EFGH-JKLM')
    expect(formatCertificateCode('not a code')).toBe('not a code')
  })

  it('are read back from what people type: case, spaces and dashes do not matter', () => {
    for (const typed of ['ABCDEFGHJKLM', 'abcd-efgh-jklm', ' AbCd EfGh JkLm ', 'ABCD–EFGH—JKLM', 'ABCD\u00a0EFGH\u00a0JKLM', 'A-B-C-D-E-F-G-H-J-K-L-M']) {
      expect(normaliseCertificateCode(typed), typed).toBe('ABCDEFGHJKLM')
    }
  })

  it('refuse anything else', () => {
    for (const typed of ['', 'ABCDEFGHJKL', 'ABCDEFGHJKLMN', 'ABCDEFGHJKLO', 'ABCDEFGHJKL0', 'ABCDEFGHJKL1', 'ABCDEFGHJKLI', 'ABCD_EFGH_JKLM', 'ABCD.EFGH.JKLM', 'ÁBCDEFGHJKLM', '<script>', 'x'.repeat(100)]) {
      expect(normaliseCertificateCode(typed), typed).toBeNull()
    }
    expect(normaliseCertificateCode(null)).toBeNull()
    expect(normaliseCertificateCode(undefined)).toBeNull()
  })
})
