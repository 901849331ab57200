import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { STAFF_TYPES } from '~/db/enums'
import type { MessageKey } from '~/i18n'
import { formatDate, formatFullName, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { listCourses } from '~/models/courses.server'
import {
  copyPlanFromPreviousYear,
  getPlanAsInput,
  getYearClose,
  isPlanYear,
  previewPlanChange,
  resolvePlanInput,
  savePlan,
  staffTypeFromLabel,
} from '~/models/plans.server'
import { listUnitsAsOf, orderAsTree } from '~/models/units.server'
import {
  addModelProblems,
  blankRow,
  BLANK_ROWS,
  checkPlanForm,
  fingerprintPlan,
  readPlanForm,
  valuesFromPlan,
  type FieldError,
  type PlanFormErrors,
  type PlanFormValues,
} from './plan-form.server'
import { AUDIENCE_KINDS } from './audience-kinds'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'plans.title')

const PREVIEW_NAMES = 20

function parseYear(raw: string | undefined): number {
  if (!raw || !/^\d{4}$/.test(raw) || !isPlanYear(Number(raw))) throw new Response('Not found', { status: 404 })
  return Number(raw)
}

/** People in post on 31/12 of a past year, today for this year and the years ahead (product.md, "Coverage"). */
function previewDate(year: number): string {
  const today = isoDateInVietnam()
  return year < Number(today.slice(0, 4)) ? `${year}-12-31` : today
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const year = parseYear(params.year)
  const today = isoDateInVietnam()
  const plan = getPlanAsInput({ year })
  const close = getYearClose({ year })
  const courses = listCourses({ includeDrafts: true }).map((c) => ({ id: c.id, title: c.title }))
  const units = orderAsTree(listUnitsAsOf({ asOf: today })).map((u) => ({ code: u.code, name: u.name, depth: u.depth }))
  const unitName = new Map(units.map((u) => [u.code, u.name]))
  const courseTitle = new Map(courses.map((c) => [c.id, c.title]))
  return {
    year,
    close: close && { date: isoDateInVietnam(close.closedAt), by: close.closedBy },
    plan: plan && {
      reference: plan.reference,
      referenceDate: plan.referenceDate,
      targetPct: plan.targetPct,
      requirements: plan.requirements.map((r, i) => ({
        key: i,
        course: courseTitle.get(r.courseId) ?? r.courseId,
        dueDate: r.dueDate,
        audience:
          'all' in r.audience
            ? { kind: 'all' as const, list: '' }
            : 'unitCodes' in r.audience
              ? { kind: 'units' as const, list: r.audience.unitCodes.map((code) => unitName.get(code) ?? code).join('; ') }
              : 'positions' in r.audience
                ? { kind: 'positions' as const, list: r.audience.positions.join('; ') }
                : { kind: 'staffTypes' as const, list: '', staffTypes: r.audience.staffTypes.map(staffTypeFromLabel) },
      })),
    },
    hasPrevious: !!getPlanAsInput({ year: year - 1 }),
    form: close ? null : valuesFromPlan(plan),
    courses,
    units,
  }
}

type Preview = {
  date: string
  before: number
  after: number
  changed: number
  added: { id: string; name: string }[]
  addedCount: number
  removed: { id: string; name: string }[]
  removedCount: number
  fingerprint: string
  stale: boolean
}
type ActionData = { values: PlanFormValues; errors: PlanFormErrors | null; preview: Preview | null; formError: MessageKey | null }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const year = parseYear(params.year)
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'copy') {
    const result = copyPlanFromPreviousYear({ year, actorUserId: actorOf(user).actorUserId })
    if (result.ok) return redirect(`/plans/${year}?copied=${result.requirements}`)
    return data({ values: null, errors: null, preview: null, formError: `plan.copyError.${result.error}` as MessageKey }, { status: result.error === 'no_previous' ? 400 : 409 })
  }
  const values = readPlanForm(form)
  if (intent === 'add') {
    return data<ActionData>({ values: { ...values, rows: [...values.rows, ...Array.from({ length: BLANK_ROWS + 1 }, blankRow)] }, errors: null, preview: null, formError: null })
  }
  const checked = checkPlanForm(values)
  if (!checked.input) return data<ActionData>({ values, errors: checked.errors, preview: null, formError: 'plan.error.form' }, { status: 400 })
  const today = isoDateInVietnam()
  const resolved = resolvePlanInput({ input: checked.input, asOf: today })
  if (!resolved.ok) return data<ActionData>({ values, errors: addModelProblems(checked, resolved.problems), preview: null, formError: 'plan.error.form' }, { status: 400 })
  const fingerprint = fingerprintPlan(checked.input)
  if (intent === 'save' && form.get('fingerprint') === fingerprint) {
    const result = savePlan({ year, input: checked.input, ...actorOf(user), asOf: today })
    if (result.ok) return redirect(`/plans/${year}?saved=1`)
    if (result.status === 409) return data<ActionData>({ values, errors: null, preview: null, formError: 'plan.error.closed' }, { status: 409 })
    return data<ActionData>({ values, errors: addModelProblems(checked, result.problems), preview: null, formError: 'plan.error.form' }, { status: 400 })
  }
  // "Xem trước thay đổi", or a save whose plan differs from the one previewed: show the preview first.
  const date = previewDate(year)
  const preview = previewPlanChange({ year, requirements: resolved.plan.requirements, asOf: date })
  const names = (people: typeof preview.added) => people.slice(0, PREVIEW_NAMES).map((p) => ({ id: p.personId, name: formatFullName(p) }))
  return data<ActionData>({
    values,
    errors: null,
    formError: null,
    preview: {
      date,
      before: preview.requiredBefore,
      after: preview.requiredAfter,
      changed: preview.changed,
      added: names(preview.added),
      addedCount: preview.added.length,
      removed: names(preview.removed),
      removedCount: preview.removed.length,
      fingerprint,
      stale: intent === 'save',
    },
  })
}

function PeopleNames({ people, total }: { people: { id: string; name: string }[]; total: number }) {
  const t = useT()
  if (total === 0) return <p className="muted">{t('plan.previewNone')}</p>
  return (
    <p>
      {people.map((p, i) => (
        <span key={p.id}>
          {i > 0 ? ', ' : null}
          <Link to={`/people/${p.id}`}>{p.name}</Link>
        </span>
      ))}
      {total > people.length ? ` ${t('plan.previewMore', { n: total - people.length })}` : null}
    </p>
  )
}

function errorText(t: ReturnType<typeof useT>, error: FieldError | undefined): string | null {
  return error ? t(error.key, error.params) : null
}

export default function PlanPage() {
  const { year, close, plan, hasPrevious, form, courses, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const values = actionData?.values ?? form
  const errors = actionData?.errors ?? null
  const preview = actionData?.preview ?? null
  const copied = searchParams.get('copied')
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">← {t('plan.back')}</Link>
      </p>
      <PageHeader title={t('plan.title', { year })} />
      {searchParams.get('saved') ? (
        <p className="notice" role="status">
          {t('plan.saved', { year })}
        </p>
      ) : null}
      {copied ? (
        <p className="notice" role="status">
          {t('plan.copied', { n: copied })}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="form-error" role="alert">
          {t(actionData.formError)}
        </p>
      ) : null}
      {close ? (
        <div className="notice" role="note">
          <h2 className="notice-title">{t('plan.closedTitle', { year })}</h2>
          <p>{t('plan.closedReason', { date: formatDate(close.date), by: close.by ?? t('plan.closedBy') })}</p>
        </div>
      ) : null}

      {plan ? (
        <>
          <dl className="details-list">
            <dt>{t('plan.reference')}</dt>
            <dd>{plan.reference}</dd>
            <dt>{t('plan.referenceDate')}</dt>
            <dd>{formatDate(plan.referenceDate) || t('person.none')}</dd>
            <dt>{t('plan.target')}</dt>
            <dd>{formatPercent(plan.targetPct, { locale, decimals: Number.isInteger(plan.targetPct) ? 0 : 2 })}</dd>
          </dl>
          <h2>{t('plan.requirements')}</h2>
          {plan.requirements.length ? (
            <div className="table-scroll">
              <table>
                <caption>{t('plan.requirementsCaption', { year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('plan.colCourse')}</th>
                    <th scope="col">{t('plan.colAudience')}</th>
                    <th scope="col">{t('plan.colDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.requirements.map((r) => (
                    <tr key={r.key}>
                      <td>{r.course}</td>
                      <td>
                        {r.audience.kind === 'all'
                          ? t('plan.audience.all')
                          : r.audience.kind === 'staffTypes'
                            ? t('plan.audience.staffTypes', {
                                list: (r.audience.staffTypes ?? []).map((s) => (s ? t(`staffType.${s}`) : '')).join('; '),
                              })
                            : t(`plan.audience.${r.audience.kind}`, { list: r.audience.list })}
                      </td>
                      <td>{formatDate(r.dueDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('plan.noRequirements')}</p>
          )}
        </>
      ) : (
        <p className="notice">{t('plan.none', { year })}</p>
      )}

      {!close && !plan ? (
        <section className="card plan-section" aria-labelledby="copy-title">
          <h2 id="copy-title">{t('plan.copyTitle')}</h2>
          <p className="muted">{t('plan.copyIntro', { previous: year - 1 })}</p>
          {hasPrevious ? (
            <Form method="post">
              <input type="hidden" name="intent" value="copy" />
              <button type="submit" className="button button-quiet">
                {t('plan.copySubmit')}
              </button>
            </Form>
          ) : (
            <p>{t('plan.copyError.no_previous')}</p>
          )}
        </section>
      ) : null}

      {preview ? (
        <section className="card plan-section plan-preview" aria-labelledby="preview-title" role="status">
          <h2 id="preview-title">{t('plan.previewTitle')}</h2>
          {preview.stale ? <p className="form-error">{t('plan.previewStale')}</p> : null}
          <p>{t('plan.previewIntro', { date: formatDate(preview.date), before: preview.before, after: preview.after })}</p>
          <h3>{t('plan.previewAdded', { n: preview.addedCount })}</h3>
          <PeopleNames people={preview.added} total={preview.addedCount} />
          <h3>{t('plan.previewRemoved', { n: preview.removedCount })}</h3>
          <PeopleNames people={preview.removed} total={preview.removedCount} />
          {preview.changed ? <p>{t('plan.previewChanged', { n: preview.changed })}</p> : null}
          <p className="muted">{t('plan.previewConfirm')}</p>
        </section>
      ) : null}

      {values && !close ? (
        <section className="plan-section" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('plan.edit')}</h2>
          <p className="muted">{t('plan.editIntro')}</p>
          <Form method="post" noValidate className="plan-form">
            <input type="hidden" name="rows" value={values.rows.length} />
            {preview ? <input type="hidden" name="fingerprint" value={preview.fingerprint} /> : null}
            <div className="plan-form-head">
              <Field id="reference" name="reference" label={t('plan.reference')} hint={t('plan.referenceHint')} defaultValue={values.reference} maxLength={100} required error={errorText(t, errors?.reference)} />
              <Field id="referenceDate" name="referenceDate" label={t('plan.referenceDate')} hint={t('plan.dateHint')} defaultValue={values.referenceDate} inputMode="numeric" error={errorText(t, errors?.referenceDate)} />
              <Field id="targetPct" name="targetPct" label={`${t('plan.target')} (%)`} hint={t('plan.targetHint')} defaultValue={values.targetPct} inputMode="decimal" error={errorText(t, errors?.targetPct)} />
            </div>
            {values.rows.map((row, i) => {
              const rowErrors = errors?.rows[i] ?? {}
              const p = `r${i}`
              return (
                <fieldset key={`${i}-${values.rows.length}`} className="plan-row">
                  <legend>{t('plan.row', { n: i + 1 })}</legend>
                  <div className="field">
                    <label htmlFor={`${p}-course`}>{t('plan.rowCourse')}</label>
                    <select id={`${p}-course`} name={`${p}.course`} defaultValue={row.course} aria-invalid={rowErrors.course ? true : undefined} aria-describedby={rowErrors.course ? `${p}-course-error` : undefined}>
                      <option value="">{t('plan.rowNoCourse')}</option>
                      {courses.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.title}
                        </option>
                      ))}
                    </select>
                    {rowErrors.course ? (
                      <p className="field-error" id={`${p}-course-error`} role="alert">
                        {errorText(t, rowErrors.course)}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor={`${p}-kind`}>{t('plan.rowKind')}</label>
                    <select id={`${p}-kind`} name={`${p}.kind`} defaultValue={row.kind}>
                      {AUDIENCE_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`plan.kind.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${p}-units`}>{t('plan.rowUnits')}</label>
                    <p className="field-hint" id={`${p}-units-hint`}>
                      {t('plan.rowUnitsHint')}
                    </p>
                    <select
                      id={`${p}-units`}
                      name={`${p}.units`}
                      multiple
                      size={5}
                      defaultValue={row.units}
                      aria-invalid={rowErrors.units ? true : undefined}
                      aria-describedby={[`${p}-units-hint`, rowErrors.units ? `${p}-units-error` : ''].filter(Boolean).join(' ')}
                    >
                      {units.map((u) => (
                        <option key={u.code} value={u.code}>
                          {'\u00a0\u00a0'.repeat(u.depth)}
                          {u.name}
                        </option>
                      ))}
                    </select>
                    {rowErrors.units ? (
                      <p className="field-error" id={`${p}-units-error`} role="alert">
                        {errorText(t, rowErrors.units)}
                      </p>
                    ) : null}
                  </div>
                  <Field id={`${p}-positions`} name={`${p}.positions`} label={t('plan.rowPositions')} hint={t('plan.rowPositionsHint')} defaultValue={row.positions} error={errorText(t, rowErrors.positions)} />
                  <fieldset className="plan-checks" aria-describedby={rowErrors.staffTypes ? `${p}-types-error` : undefined}>
                    <legend>{t('plan.rowStaffTypes')}</legend>
                    {STAFF_TYPES.map((type) => (
                      <label key={type} className="check">
                        <input type="checkbox" name={`${p}.staffTypes`} value={type} defaultChecked={row.staffTypes.includes(type)} /> {t(`staffType.${type}`)}
                      </label>
                    ))}
                    {rowErrors.staffTypes ? (
                      <p className="field-error" id={`${p}-types-error`} role="alert">
                        {errorText(t, rowErrors.staffTypes)}
                      </p>
                    ) : null}
                  </fieldset>
                  <Field id={`${p}-due`} name={`${p}.due`} label={t('plan.rowDue')} hint={t('plan.dateHint')} defaultValue={row.due} inputMode="numeric" error={errorText(t, rowErrors.due)} />
                  <label className="check">
                    <input type="checkbox" name={`${p}.remove`} defaultChecked={row.remove} /> {t('plan.rowRemove')}
                  </label>
                </fieldset>
              )
            })}
            <div className="plan-actions">
              <button type="submit" name="intent" value="add" className="button button-quiet">
                {t('plan.addRows')}
              </button>
              <button type="submit" name="intent" value="preview" className="button button-quiet">
                {t('plan.previewSubmit')}
              </button>
              {preview ? (
                <button type="submit" name="intent" value="save" className="button">
                  {t('plan.saveSubmit')}
                </button>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
