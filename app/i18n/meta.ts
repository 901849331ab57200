import type { MetaDescriptor } from '@remix-run/node'
import { DEFAULT_LOCALE, isLocale, translator, type MessageKey } from './index'

type MatchLike = { id: string; data?: unknown }

/** `<title>` of a page in the request's language: "<page> — HọcSố". */
export function pageTitle(matches: readonly MatchLike[], key: MessageKey): MetaDescriptor[] {
  const root = matches.find((match) => match.id === 'root')?.data as { locale?: unknown } | undefined
  const t = translator(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE)
  return [{ title: `${t(key)} — ${t('app.name')}` }]
}
