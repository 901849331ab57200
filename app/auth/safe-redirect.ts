/**
 * Only a same-origin relative path may be a redirect target: `/learn?x=1` yes; `//evil.example`,
 * `/\evil.example`, `javascript:…`, absolute URLs and anything encoded to look like them, no.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to) return fallback
  let decoded = to
  try {
    decoded = decodeURIComponent(to)
  } catch {
    return fallback
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback
    if (/[\u0000-\u001F\u007F\\]/.test(candidate)) return fallback
  }
  try {
    const base = 'http://hocso.invalid'
    const url = new URL(to, base)
    if (url.origin !== base) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
