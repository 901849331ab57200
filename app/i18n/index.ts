import { en } from './en'
import type { Locale } from './format'
import { vi, type MessageKey } from './vi'

export type { Locale } from './format'
export type { MessageKey } from './vi'

export const LOCALES: readonly Locale[] = ['vi', 'en']
export const DEFAULT_LOCALE: Locale = 'vi'

const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en }

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en'
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** `t('home.greeting', { name })`: the string of `locale` with `{name}` placeholders filled in. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale]
  return (key, params) => {
    const template = catalogue[key]
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    )
  }
}
