import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { BarChart } from '~/components/mdx/bar-chart'
import { Field, TextareaField } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { formatDate, formatDateTime, formatNumber, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { coverageForUser, coverageScopes, parseCoverageQuery } from '~/models/coverage-access.server'
import { getPlan, getYearClose } from '~/models/plans.server'
import { closeYear, REOPEN_REASON_MIN, reopenYear } from '~/models/year-close.server'
import lessonStyles from '~/styles/lesson.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: lessonStyles }]
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.coverage')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const params = new URL(request.url).searchParams
  if (!params.get('year')) params.set('year', isoDateInVietnam().slice(0, 4))
  const parsed = parseCoverageQuery(params)
  const input = {
    year: params.get('year') ?? '',
    mode: params.get('mode') ?? 'recorded',
    asOf: params.get('asOf') ?? '',
  }
  if (!parsed.success)
    return { input, badQuery: true as const, report: null, hasPlan: false, frozen: null, yearClose: null }
  const report = coverageForUser({ user, query: parsed.data })
  const closing = getYearClose({ year: report.year })
  const currentYear = Number(isoDateInVietnam().slice(0, 4))
  return {
    input,
    badQuery: false as const,
    hasPlan: getPlan({ year: report.year }) !== null,
    frozen: report.frozen,
    // Closing and reopening: HR and admins of the whole organisation, for years that have ended.
    yearClose:
      coverageScopes(user) === null && user.roles.some((g) => g.role === 'hr' || g.role === 'admin')
        ? {
            state: closing ? ('closed' as const) : report.year < currentYear ? ('open' as const) : ('current' as const),
            reasonMin: REOPEN_REASON_MIN,
          }
        : null,
    closedOtherDate: closing !== null && report.frozen === null,
    report: {
      year: report.year,
      asOf: report.asOf,
      mode: report.mode,
      rows: report.rows.map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        parentId: r.parentId,
        depth: r.depth,
        headcount: r.headcount,
        required: r.required,
        trainedAll: r.trainedAll,
        trainedAny: r.trainedAny,
        personTimes: r.personTimes,
        learningHours: r.learningHours,
        coveragePct: r.coveragePct,
        reachPct: r.reachPct,
        targetPct: r.targetPct,
      })),
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  if (coverageScopes(user) !== null) throw new Response('Forbidden', { status: 403 })
  const form = await request.formData()
  const year = Number(form.get('year'))
  if (!Number.isInteger(year) || year < 2000 || year > 2200)
    return { intent: 'invalid' as const, error: 'badYear' as const, reason: '' }
  const { actorUserId } = actorOf(user)
  if (!actorUserId) throw new Response('Forbidden', { status: 403 })
  if (form.get('intent') === 'close') {
    const result = closeYear({ year, actorUserId })
    return result.ok
      ? { intent: 'close' as const, error: null, reason: '' }
      : { intent: 'close' as const, error: result.error, reason: '' }
  }
  if (form.get('intent') === 'reopen') {
    const reason = String(form.get('reason') ?? '')
    const result = reopenYear({ year, reason, actorUserId })
    return result.ok
      ? { intent: 'reopen' as const, error: null, reason: '' }
      : { intent: 'reopen' as const, error: result.error, reason }
  }
  return { intent: 'invalid' as const, error: 'badYear' as const, reason: '' }
}

const NUMBER_COLUMNS = [
  'coverage.colHeadcount',
  'coverage.colRequired',
  'coverage.colTrainedAll',
  'coverage.colCoverage',
  'coverage.colTrainedAny',
  'coverage.colReach',
  'coverage.colPersonTimes',
  'coverage.colHours',
] as const

export default function CoverageReportPage() {
  const { input, badQuery, report, hasPlan, frozen, yearClose, closedOtherDate } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const navigation = useNavigation()
  const n = (value: number) => formatNumber(value, { locale })
  const p = (value: number | null) => formatPercent(value, { locale })
  // Expand and collapse only once JavaScript runs; without it every row shows.
  const [interactive, setInteractive] = useState(false)
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  useEffect(() => setInteractive(true), [])
  const rows = report?.rows ?? []
  const parentOf = new Map(rows.map((r) => [r.unitId, r.parentId]))
  const hasChildren = new Set(rows.map((r) => r.parentId).filter(Boolean))
  const hidden = (unitId: string) => {
    let id = parentOf.get(unitId) ?? null
    while (id) {
      if (collapsed.has(id)) return true
      id = parentOf.get(id) ?? null
    }
    return false
  }
  const top = rows[0]
  const children = top ? rows.filter((r) => r.parentId === top.unitId && r.required > 0) : []
  return (
    <>
      <PageHeader title={t('coverage.title', { year: report?.year ?? input.year })} intro={t('coverage.intro')} />
      <Form method="get" className="filter-bar">
        <Field id="year" name="year" label={t('coverage.year')} defaultValue={input.year} inputMode="numeric" />
        <div className="field">
          <label htmlFor="mode">{t('coverage.mode')}</label>
          <select id="mode" name="mode" defaultValue={input.mode}>
            <option value="recorded">{t('coverage.recorded')}</option>
            <option value="restated">{t('coverage.restated')}</option>
          </select>
        </div>
        <Field
          id="asOf"
          name="asOf"
          label={t('coverage.asOf')}
          hint={t('coverage.asOfHint')}
          defaultValue={input.asOf}
        />
        <div className="filter-actions">
          <button type="submit" className="button" disabled={navigation.state !== 'idle'}>
            {t('coverage.show')}
          </button>
          {report ? (
            <a className="button button-quiet" href={`/reports/coverage.csv${location.search}`} download>
              {t('coverage.csv')}
            </a>
          ) : null}
          {report ? (
            <a className="button button-quiet" href={`/reports/coverage.xlsx${location.search}`} download>
              {t('coverage.xlsx')}
            </a>
          ) : null}
          {report ? (
            <Link className="button button-quiet" to={`/reports/coverage/print${location.search}`}>
              {t('coverage.printLink')}
            </Link>
          ) : null}
          <Link className="button button-quiet" to={`/reports/coverage/compare${location.search}`}>
            {t('coverage.compareLink')}
          </Link>
        </div>
      </Form>
      {badQuery ? (
        <p className="form-error" role="alert">
          {t('coverage.badQuery')}
        </p>
      ) : !report || rows.length === 0 ? (
        <p className="notice">{t('coverage.empty', { date: formatDate(report?.asOf ?? '') })}</p>
      ) : (
        <>
          {frozen ? (
            <p className="notice notice-frozen" role="status">
              {t('coverage.frozen', {
                year: report.year,
                when: formatDateTime(frozen.closedAt),
                by: frozen.closedBy ? t('coverage.frozenBy', { name: frozen.closedBy }) : '',
                structureDate: formatDate(frozen.structureDate),
              })}
            </p>
          ) : null}
          {closedOtherDate ? <p className="notice">{t('coverage.liveForClosedYear', { year: report.year })}</p> : null}
          {!hasPlan ? <p className="notice">{t('coverage.noPlan', { year: report.year })}</p> : null}
          {children.length > 1 && top?.targetPct !== null && top ? (
            <div className="coverage-chart">
              <BarChart
                title={t('coverage.chartTitle')}
                unit="%"
                decimals={2}
                data={children.map((c) => ({ label: c.unitName, value: c.coveragePct ?? 0 }))}
                target={{ value: top.targetPct ?? 100, label: t('coverage.target', { pct: p(top.targetPct) }) }}
              />
            </div>
          ) : null}
          <div className="table-scroll">
            <table className="coverage-table">
              <caption>
                {t('coverage.caption', {
                  date: formatDate(report.asOf),
                  mode: report.mode === 'recorded' ? t('coverage.recorded') : t('coverage.restated'),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('coverage.colUnit')}</th>
                  {NUMBER_COLUMNS.map((key) => (
                    <th key={key} scope="col" className="num">
                      {t(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) =>
                  interactive && hidden(row.unitId) ? null : (
                    <tr key={row.unitId} className={`depth-${Math.min(row.depth, 4)}`}>
                      <th scope="row" className="coverage-unit">
                        <span className={`tree-cell depth-${Math.min(row.depth, 4)}`}>
                          {interactive && hasChildren.has(row.unitId) ? (
                            <button
                              type="button"
                              className="tree-toggle"
                              aria-expanded={!collapsed.has(row.unitId)}
                              aria-label={t(collapsed.has(row.unitId) ? 'coverage.expand' : 'coverage.collapse', {
                                unit: row.unitName,
                              })}
                              onClick={() =>
                                setCollapsed((current) => {
                                  const next = new Set(current)
                                  if (next.has(row.unitId)) next.delete(row.unitId)
                                  else next.add(row.unitId)
                                  return next
                                })
                              }
                            >
                              {collapsed.has(row.unitId) ? '▸' : '▾'}
                            </button>
                          ) : null}
                          <Link
                            to={`/reports/coverage/people?${peopleQuery(report, row.unitId)}`}
                            aria-label={t('coverage.peopleLink', { unit: row.unitName })}
                          >
                            {row.unitName}
                          </Link>
                        </span>
                      </th>
                      <td className="num">{n(row.headcount)}</td>
                      <td className="num">{n(row.required)}</td>
                      <td className="num">{n(row.trainedAll)}</td>
                      <td
                        className={`num ${
                          row.coveragePct !== null && row.targetPct !== null && row.coveragePct < row.targetPct
                            ? 'below-target'
                            : ''
                        }`}
                      >
                        {p(row.coveragePct)}
                      </td>
                      <td className="num">{n(row.trainedAny)}</td>
                      <td className="num">{p(row.reachPct)}</td>
                      <td className="num">{n(row.personTimes)}</td>
                      <td className="num">
                        {formatNumber(row.learningHours, {
                          locale,
                          decimals: Number.isInteger(row.learningHours) ? 0 : 1,
                        })}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report && yearClose && (yearClose.state !== 'current' || actionData) ? (
        <YearClosePanel
          year={report.year}
          state={yearClose.state}
          reasonMin={yearClose.reasonMin}
          actionData={actionData}
          busy={navigation.state === 'submitting'}
        />
      ) : null}
    </>
  )
}

/** The query of a drill-down: the same year, mode and date as the report, for one unit. */
function peopleQuery(report: { year: number; mode: string; asOf: string }, unitId: string): string {
  return new URLSearchParams({
    year: String(report.year),
    mode: report.mode,
    asOf: report.asOf,
    unit: unitId,
  }).toString()
}

type ActionResult = { intent: 'close' | 'reopen' | 'invalid'; error: string | null; reason: string } | undefined

/** Khóa số liệu: close a past year, or reopen a closed one with a reason. */
function YearClosePanel({
  year,
  state,
  reasonMin,
  actionData,
  busy,
}: {
  year: number
  state: 'open' | 'closed' | 'current'
  reasonMin: number
  actionData: ActionResult
  busy: boolean
}) {
  const t = useT()
  const done = actionData && actionData.error === null
  const message = !actionData
    ? null
    : actionData.error === null
    ? t(actionData.intent === 'close' ? 'coverage.closed' : 'coverage.reopened', { year })
    : actionData.error === 'alreadyClosed'
    ? t('coverage.alreadyClosed', { year })
    : actionData.error === 'notClosed'
    ? t('coverage.notClosed', { year })
    : actionData.error === 'notPast'
    ? t('coverage.closeNotPast')
    : null
  return (
    <section className="year-close" aria-labelledby={state === 'current' ? undefined : 'year-close-title'}>
      {message ? (
        <p className={done ? 'notice' : 'form-error'} role={done ? 'status' : 'alert'}>
          {message}
        </p>
      ) : null}
      {state === 'current' ? null : state === 'open' ? (
        <Form method="post">
          <h2 id="year-close-title">{t('coverage.closeTitle', { year })}</h2>
          <p>{t('coverage.closeIntro', { year })}</p>
          <input type="hidden" name="year" value={year} />
          <button type="submit" name="intent" value="close" className="button" disabled={busy}>
            {t('coverage.closeButton', { year })}
          </button>
        </Form>
      ) : (
        <Form method="post">
          <h2 id="year-close-title">{t('coverage.reopenTitle', { year })}</h2>
          <p>{t('coverage.reopenIntro')}</p>
          <input type="hidden" name="year" value={year} />
          <TextareaField
            id="reason"
            name="reason"
            label={t('coverage.reopenReason')}
            hint={t('coverage.reopenReasonHint', { min: reasonMin })}
            error={actionData?.error === 'reasonTooShort' ? t('coverage.reopenReasonShort', { min: reasonMin }) : null}
            defaultValue={actionData?.reason ?? ''}
            rows={3}
            maxLength={1000}
            required
          />
          <button type="submit" name="intent" value="reopen" className="button button-quiet" disabled={busy}>
            {t('coverage.reopenButton')}
          </button>
        </Form>
      )}
    </section>
  )
}
