/**
 * The QR code printed on a certificate: an SVG drawn on the server (no script, no image request), pointing at
 * the public verification page.
 */
import QRCode from 'qrcode'
import { formatCertificateCode } from './certificate-code'

/**
 * The absolute /verify URL of a code. The origin is the public one when APP_ORIGIN names it (behind a proxy the
 * request may arrive on an internal address that a phone scanning the paper cannot reach), else the request's.
 */
export function verificationUrl({ request, code }: { request: Request; code: string }): string {
  const publicOrigin = (process.env.APP_ORIGIN ?? '')
    .split(',')
    .map((o) => o.trim())
    .find(Boolean)
  const origin = publicOrigin ?? new URL(request.url).origin
  return new URL(`/verify/${formatCertificateCode(code)}`, origin).href
}

/** `<svg …>` of a QR code for `url` (error correction M: survives a crease or a stamp over a corner). */
export function renderQrSvg({ url }: { url: string }): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}
