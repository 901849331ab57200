/**
 * Certificate verification codes: 12 characters of an alphabet without look-alikes (no I, O, 0, 1), shown as
 * XXXX-XXXX-XXXX. 32 symbols give 60 bits, so codes cannot be guessed or enumerated on /verify.
 * Pure (no server imports): the completion code, the routes and the browser may all use it.
 */
export const CERTIFICATE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const CERTIFICATE_CODE_LENGTH = 12

const CANONICAL = new RegExp(`^[${CERTIFICATE_CODE_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`)

/** Uniform in [0, 1) from the platform's cryptographic generator (Node ≥ 20 and browsers). */
function cryptoRandom(): number {
  const buffer = new Uint32Array(1)
  globalThis.crypto.getRandomValues(buffer)
  return buffer[0]! / 2 ** 32
}

/** A new code in its 12-character stored form. `random` (default: crypto) is for deterministic seeds and tests. */
export function newCertificateCode(random: () => number = cryptoRandom): string {
  const size = CERTIFICATE_CODE_ALPHABET.length
  let code = ''
  for (let i = 0; i < CERTIFICATE_CODE_LENGTH; i++) {
    const index = Math.min(size - 1, Math.max(0, Math.floor(random() * size)))
    code += CERTIFICATE_CODE_ALPHABET[index]
  }
  return code
}

/**
 * What a person typed or scanned → the stored form, or null. Accepts lower case, spaces and dashes (also the
 * en dash and non-breaking spaces a word processor inserts); refuses anything else, I/O/0/1 included.
 */
export function normaliseCertificateCode(input: string | null | undefined): string | null {
  if (typeof input !== 'string' || input.length > 64) return null
  const compact = input
    .normalize('NFKC')
    .replace(/[\s\u2010-\u2015-]/g, '')
    .toUpperCase()
  return CANONICAL.test(compact) ? compact : null
}

/** `ABCDEFGHJKLM` → `ABCD-EFGH-JKLM`; anything that is not a valid code is returned unchanged. */
export function formatCertificateCode(code: string): string {
  const canonical = normaliseCertificateCode(code)
  if (!canonical) return code
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}`
}
