/**
 * From the model's refusal details to messages next to the fields of the /org forms (pure; shared by the
 * routes). A detail's `path` names the API field; the forms use flat field names.
 */
import type { MessageKey } from '~/i18n'
import { formatDate, isIsoDate } from '~/i18n/format'

export type FieldError = { key: MessageKey; params?: Record<string, string | number> }

const FIELD_OF_PATH: Record<string, string> = {
  date: 'date',
  validFrom: 'date',
  'decision.number': 'decisionNumber',
  'decision.date': 'decisionDate',
  'decision.issuer': 'decisionIssuer',
  decision: 'decisionNumber',
  note: 'note',
  name: 'name',
  kind: 'kind',
  parentCode: 'parentCode',
  newName: 'newName',
  newCode: 'newCode',
  newParentCode: 'newParentCode',
  fromCodes: 'otherCodes',
  'into.code': 'intoCode',
  'into.name': 'intoName',
  'into.kind': 'intoKind',
  'into.parentCode': 'intoParentCode',
  into: 'into0Code',
}

/** The form field a detail belongs to; '' for the form as a whole (the unit itself, the event type). */
export function fieldOfPath(path: string, { createForm = false } = {}): string {
  if (path === 'code') return createForm ? 'code' : ''
  if (path === 'fromCode' || path === 'type' || path === '') return ''
  const split = /^into\.(\d+)\.(code|name|kind)$/.exec(path)
  if (split) return `into${split[1]}${split[2]![0]!.toUpperCase()}${split[2]!.slice(1)}`
  if (/^fromCodes\.\d+$/.test(path)) return 'otherCodes'
  return FIELD_OF_PATH[path] ?? ''
}

const DOMAIN: Record<string, MessageKey> = {
  unknown_code: 'unitForm.error.unknownCode',
  not_valid_on_date: 'unitForm.error.notValidOnDate',
  later_version_exists: 'unitForm.error.laterVersion',
  unit_ends: 'unitForm.error.unitEnds',
  before_current_version: 'unitForm.error.beforeCurrentVersion',
  parent_ends: 'unitForm.error.parentEnds',
  code_clash: 'unitForm.error.codeClash',
  no_change: 'unitForm.error.noChange',
  cycle: 'unitForm.error.cycle',
  duplicate_code: 'unitForm.error.duplicateCode',
  has_children: 'unitForm.error.hasChildren',
  assignments_after_date: 'unitForm.error.assignmentsAfterDate',
}

/** ISO dates in parameters are shown dd/mm/yyyy. */
function formatParams(params: Record<string, string | number> | undefined) {
  if (!params) return undefined
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && isIsoDate(v) ? formatDate(v) : v]))
}

/** The message for one detail, chosen by its code, else by the kind of field. */
export function messageOf(detail: { path: string; code: string; params?: Record<string, string | number> }, field: string): FieldError {
  const domain = DOMAIN[detail.code]
  if (domain) return { key: domain, params: formatParams(detail.params) }
  if (detail.path === 'into' && detail.code === 'too_small') return { key: 'unitForm.error.splitNeedsTwo' }
  if (detail.path === 'fromCodes' && detail.code === 'too_small') return { key: 'unitForm.error.mergeNeedsTwo' }
  if (/date/i.test(field)) return { key: 'unitForm.error.date' }
  if (/code/i.test(field) || field === 'otherCodes') return { key: 'unitForm.error.code' }
  if (detail.code === 'required' || detail.code === 'too_small') return { key: 'unitForm.error.required' }
  return { key: 'unitForm.error.invalid' }
}

/** Field → first message; form-level problems under ''. */
export function fieldErrors(details: readonly { path: string; code: string; params?: Record<string, string | number> }[], options?: { createForm?: boolean }) {
  const out: Record<string, FieldError> = {}
  for (const detail of details) {
    const field = fieldOfPath(detail.path, options)
    if (!out[field]) out[field] = messageOf(detail, field)
  }
  return out
}
