import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE, isLocale, translator, type Locale, type Translate } from './index'

/** The locale chosen for this request (root loader data), Vietnamese when unknown (e.g. on an error page). */
export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: unknown } | undefined
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE
}

export function useT(): Translate {
  return translator(useLocale())
}
