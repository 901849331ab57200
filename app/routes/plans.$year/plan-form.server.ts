/** The plan form of /plans/:year: reading posted rows, checking what was typed, turning it into a PlanInput. */
import { createHash } from 'node:crypto'
import { STAFF_TYPES, type StaffType } from '~/db/enums'
import type { MessageKey } from '~/i18n'
import { formatDate, formatNumber, parseLocaleNumber, parseViDate } from '~/i18n/format'
import { STAFF_TYPE_LABELS, staffTypeFromLabel, type PlanAsInput, type PlanInput, type PlanProblem } from '~/models/plans.server'

import { AUDIENCE_KINDS, type AudienceKind } from './audience-kinds'

export type PlanRowValues = { course: string; kind: AudienceKind; units: string[]; positions: string; staffTypes: StaffType[]; due: string; remove: boolean }
export type PlanFormValues = { reference: string; referenceDate: string; targetPct: string; rows: PlanRowValues[] }
export type FieldError = { key: MessageKey; params?: Record<string, string> }
export type RowField = 'course' | 'units' | 'positions' | 'staffTypes' | 'due'
export type PlanFormErrors = {
  reference?: FieldError
  referenceDate?: FieldError
  targetPct?: FieldError
  rows: Record<number, Partial<Record<RowField, FieldError>>>
}

export const BLANK_ROWS = 2
const MAX_ROWS = 100

export function blankRow(): PlanRowValues {
  return { course: '', kind: 'all', units: [], positions: '', staffTypes: [], due: '', remove: false }
}

function text(form: FormData, name: string, max = 500): string {
  const value = form.get(name)
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/** What was posted, exactly as typed, so the form can show it again. */
export function readPlanForm(form: FormData): PlanFormValues {
  const count = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(text(form, 'rows', 5), 10) || 0))
  const rows: PlanRowValues[] = []
  for (let i = 0; i < count; i++) {
    const kind = text(form, `r${i}.kind`, 20)
    rows.push({
      course: text(form, `r${i}.course`, 100),
      kind: (AUDIENCE_KINDS as readonly string[]).includes(kind) ? (kind as AudienceKind) : 'all',
      units: form.getAll(`r${i}.units`).filter((v): v is string => typeof v === 'string').slice(0, 200),
      positions: text(form, `r${i}.positions`, 2000),
      staffTypes: form.getAll(`r${i}.staffTypes`).filter((v): v is StaffType => (STAFF_TYPES as readonly unknown[]).includes(v)),
      due: text(form, `r${i}.due`, 20),
      remove: form.get(`r${i}.remove`) === 'on',
    })
  }
  return { reference: text(form, 'reference', 200), referenceDate: text(form, 'referenceDate', 20), targetPct: text(form, 'targetPct', 20), rows }
}

/** The stored plan as form values (unit codes as today's tree has them), with blank rows to add requirements. */
export function valuesFromPlan(plan: PlanAsInput | null): PlanFormValues {
  const rows: PlanRowValues[] = (plan?.requirements ?? []).map((r) => {
    const a = r.audience
    return {
      ...blankRow(),
      course: r.courseId,
      due: formatDate(r.dueDate),
      kind: 'all' in a ? 'all' : 'unitCodes' in a ? 'units' : 'positions' in a ? 'positions' : 'staffTypes',
      units: 'unitCodes' in a ? a.unitCodes : [],
      positions: 'positions' in a ? a.positions.join('; ') : '',
      staffTypes: 'staffTypes' in a ? a.staffTypes.map(staffTypeFromLabel).filter((x): x is StaffType => x !== null) : [],
    }
  })
  for (let i = 0; i < BLANK_ROWS; i++) rows.push(blankRow())
  return {
    reference: plan?.reference ?? '',
    referenceDate: formatDate(plan?.referenceDate ?? null),
    targetPct: plan ? formatNumber(plan.targetPct, { decimals: Number.isInteger(plan.targetPct) ? 0 : 2 }) : '100',
    rows,
  }
}

export type CheckedPlanForm = { input: PlanInput | null; errors: PlanFormErrors; rowOfRequirement: number[] }

/** Checks the typed values (dates dd/mm/yyyy, a target 0–100, each used row complete); rows without a course are skipped. */
export function checkPlanForm(values: PlanFormValues): CheckedPlanForm {
  const errors: PlanFormErrors = { rows: {} }
  const reference = values.reference.trim()
  if (!reference || reference.length > 100) errors.reference = { key: 'plan.error.reference' }
  let referenceDate: string | null = null
  if (values.referenceDate.trim()) {
    referenceDate = parseViDate(values.referenceDate)
    if (!referenceDate) errors.referenceDate = { key: 'plan.error.badDate' }
  }
  const target = parseLocaleNumber(values.targetPct)
  if (target === null || target < 0 || target > 100) errors.targetPct = { key: 'plan.error.badTarget' }
  const requirements: PlanInput['requirements'] = []
  const rowOfRequirement: number[] = []
  values.rows.forEach((row, i) => {
    const used = row.course || row.due.trim()
    if (row.remove || !used) return
    const rowErrors: Partial<Record<RowField, FieldError>> = {}
    if (!row.course) rowErrors.course = { key: 'plan.error.course' }
    const due = parseViDate(row.due)
    if (!row.due.trim()) rowErrors.due = { key: 'plan.error.required' }
    else if (!due) rowErrors.due = { key: 'plan.error.badDate' }
    const positions = row.positions.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)
    if (row.kind === 'units' && row.units.length === 0) rowErrors.units = { key: 'plan.error.units' }
    if (row.kind === 'positions' && positions.length === 0) rowErrors.positions = { key: 'plan.error.positions' }
    if (row.kind === 'staffTypes' && row.staffTypes.length === 0) rowErrors.staffTypes = { key: 'plan.error.staffTypes' }
    if (Object.keys(rowErrors).length) {
      errors.rows[i] = rowErrors
      return
    }
    const audience: PlanInput['requirements'][number]['audience'] =
      row.kind === 'all'
        ? { all: true }
        : row.kind === 'units'
          ? { unitCodes: row.units }
          : row.kind === 'positions'
            ? { positions }
            : { staffTypes: row.staffTypes.map((t) => STAFF_TYPE_LABELS[t]) }
    requirements.push({ courseId: row.course, audience, dueDate: due! })
    rowOfRequirement.push(i)
  })
  const failed = errors.reference || errors.referenceDate || errors.targetPct || Object.keys(errors.rows).length
  return { input: failed ? null : { reference, referenceDate, targetPct: target!, requirements }, errors, rowOfRequirement }
}

/** Puts the model's problems (unknown course or unit) next to the row they belong to. */
export function addModelProblems(checked: CheckedPlanForm, problems: readonly PlanProblem[]): PlanFormErrors {
  const errors: PlanFormErrors = { ...checked.errors, rows: { ...checked.errors.rows } }
  for (const problem of problems) {
    const m = /^requirements\[(\d+)\]\.(\w+)/.exec(problem.path)
    if (!m) {
      if (problem.path === 'reference') errors.reference = { key: 'plan.error.reference' }
      else if (problem.path === 'referenceDate') errors.referenceDate = { key: 'plan.error.badDate' }
      else if (problem.path === 'targetPct') errors.targetPct = { key: 'plan.error.badTarget' }
      continue
    }
    const row = checked.rowOfRequirement[Number(m[1])] ?? 0
    const rowErrors = (errors.rows[row] = { ...errors.rows[row] })
    if (problem.code === 'unknown_course') rowErrors.course = { key: 'plan.error.unknownCourse' }
    else if (problem.code === 'bad_date') rowErrors.due = { key: 'plan.error.badDate' }
    else if (problem.code === 'unknown_unit') rowErrors.units = { key: 'plan.error.unknownUnit', params: { code: problem.message.split(': ').pop() ?? '' } }
    else rowErrors.course = { key: 'plan.error.course' }
  }
  return errors
}

/** A fingerprint of a checked plan, so "Lưu kế hoạch" saves exactly what the preview showed. */
export function fingerprintPlan(input: PlanInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32)
}
