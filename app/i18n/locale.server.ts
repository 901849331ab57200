import { DEFAULT_LOCALE, isLocale, type Locale } from './index'

export const LOCALE_COOKIE = 'hocso_lang'

/** The UI language: the toggle's cookie, else the account's setting, else Vietnamese. */
export function resolveLocale(request: Request, accountLocale?: Locale | null): Locale {
  const header = request.headers.get('Cookie') ?? ''
  const match = header.match(/(?:^|;\s*)hocso_lang=(vi|en)(?:;|$)/)
  if (match && isLocale(match[1])) return match[1]
  return accountLocale ?? DEFAULT_LOCALE
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`
}
