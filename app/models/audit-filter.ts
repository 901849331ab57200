/**
 * Reading the audit page's filter from its query string (shared by the page and its CSV export): actor, action,
 * a range of days typed dd/mm/yyyy, and the page number. Pure; bad input comes back as errors per field, with
 * what was typed kept.
 */
import { z } from 'zod'
import { parseViDate } from '~/i18n/format'
import type { MessageKey } from '~/i18n'
import type { AuditActorKey, AuditFilter } from './audit.server'

export type AuditQuery = {
  filter: AuditFilter
  page: number
  /** What the user typed, to show back in the form. */
  input: { actor: string; action: string; from: string; to: string }
  errors: { actor?: MessageKey; action?: MessageKey; from?: MessageKey; to?: MessageKey }
}

const ACTOR = /^(user|token):[\w-]{1,64}$/
const ACTION = /^[a-z0-9_.-]{1,64}$/i
const Params = z.object({
  actor: z.string().trim().max(200).catch(''),
  action: z.string().trim().max(200).catch(''),
  from: z.string().trim().max(40).catch(''),
  to: z.string().trim().max(40).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export function parseAuditQuery(searchParams: URLSearchParams): AuditQuery {
  const raw = Params.parse({
    actor: searchParams.get('actor') ?? '',
    action: searchParams.get('action') ?? '',
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
    page: searchParams.get('page') ?? 1,
  })
  const errors: AuditQuery['errors'] = {}
  const filter: AuditFilter = {}
  if (raw.actor) {
    if (ACTOR.test(raw.actor)) filter.actor = raw.actor as AuditActorKey
    else errors.actor = 'audit.badActor'
  }
  if (raw.action) {
    if (ACTION.test(raw.action)) filter.action = raw.action
    else errors.action = 'audit.badAction'
  }
  if (raw.from) {
    const from = parseViDate(raw.from)
    if (from) filter.from = from
    else errors.from = 'audit.badDate'
  }
  if (raw.to) {
    const to = parseViDate(raw.to)
    if (to) filter.to = to
    else errors.to = 'audit.badDate'
  }
  if (filter.from && filter.to && filter.from > filter.to) errors.to = 'audit.toBeforeFrom'
  return { filter, page: raw.page, input: { actor: raw.actor, action: raw.action, from: raw.from, to: raw.to }, errors }
}

/** The query string of a filter as typed (for page links and the export link); empty fields are left out. */
export function auditQueryString(input: AuditQuery['input'], page?: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(input)) if (value) params.set(key, value)
  if (page && page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
