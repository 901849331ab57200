/**
 * GET /reports/coverage/print?year&mode&asOf&unit — the coverage report as an administrative document on A4
 * (Nghị định 30/2020, product.md): agency and national motto, place and date, title, Table 1 (the coverage rows
 * by unit, the same rows as the page and the API) and Table 2 ("Báo cáo kết quả bồi dưỡng": lượt người by report
 * row and staff type), then the recipients and the signature block. Always in Vietnamese, like the certificate.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { hasRole, requireRole } from '~/auth/guards.server'
import { PrintButton } from '~/components/ui/print-button'
import { fillTemplate } from '~/components/ui/rich-text'
import { STAFF_TYPES } from '~/db/enums'
import { translator } from '~/i18n'
import { formatDate, formatNumber, formatOfficialDate, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { coverageForUser, parseCoverageQuery, trainingTable } from '~/models/coverage-access.server'
import { type TrainingFigures, type TrainingRow } from '~/models/coverage-training.server'
import { ORGANISATION } from '~/models/organisation-name'
import { getPlan } from '~/models/plans.server'
import printStyles from '~/styles/print-report.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles }]
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'coveragePrint.pageTitle')

function addFigures(into: TrainingFigures, from: TrainingFigures) {
  for (const type of STAFF_TYPES) into.byStaffType[type] += from.byStaffType[type]
  into.personTimes += from.personTimes
  into.learningHours = Math.round((into.learningHours + from.learningHours) * 100) / 100
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const url = new URL(request.url)
  const params = url.searchParams
  if (!params.get('year')) params.set('year', isoDateInVietnam().slice(0, 4))
  const parsed = parseCoverageQuery(params)
  const backTo = `/reports/coverage${url.search}`
  if (!parsed.success) return data({ backTo, doc: null }, { status: 400 })
  const report = coverageForUser({ user, query: parsed.data })
  // The whole organisation for HR and admins without a unit chosen; otherwise the roots of the rows shown.
  const wholeOrganisation = !parsed.data.unit && hasRole(user, ['hr', 'admin'])
  const roots = report.rows.filter((r) => r.depth === 0)
  const rootIds = wholeOrganisation ? [null] : roots.map((r) => r.unitId)
  const training = rootIds.map((rootUnitId) => trainingTable({ year: report.year, asOf: report.asOf, rootUnitId }))
  const rows: TrainingRow[] = training[0]?.rows.map((r) => ({ ...r, byStaffType: { ...r.byStaffType } })) ?? []
  const total: TrainingFigures = {
    byStaffType: { cong_chuc: 0, vien_chuc: 0, nguoi_lao_dong: 0 },
    personTimes: 0,
    learningHours: 0,
  }
  for (const [index, part] of training.entries()) {
    if (index > 0) part.rows.forEach((r, i) => addFigures(rows[i]!, r))
    addFigures(total, part.total)
  }
  const plan = getPlan({ year: report.year })
  return {
    backTo,
    doc: {
      year: report.year,
      asOf: report.asOf,
      mode: report.mode,
      today: isoDateInVietnam(),
      planReference: plan?.reference ?? null,
      scopeNames: wholeOrganisation ? [] : roots.map((r) => r.unitName),
      units: report.rows.map((r) => ({
        unitId: r.unitId,
        unitName: r.unitName,
        depth: r.depth,
        headcount: r.headcount,
        required: r.required,
        trainedAll: r.trainedAll,
        coveragePct: r.coveragePct,
        trainedAny: r.trainedAny,
        personTimes: r.personTimes,
        learningHours: r.learningHours,
        targetPct: r.targetPct,
      })),
      training: { rows, total },
    },
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

/** TT of each row by depth: I, II for the top units; 1, 2 below them; then 1.1, 1.1.1 … */
function outlineNumbers(depths: readonly number[]): string[] {
  const counters: number[] = []
  return depths.map((depth) => {
    for (let i = 0; i < depth; i++) counters[i] ??= 1
    counters.length = depth + 1
    counters[depth] = (counters[depth] ?? 0) + 1
    return depth === 0 ? ROMAN[counters[0]! - 1] ?? String(counters[0]) : counters.slice(1).join('.')
  })
}

/** Whole numbers plain, fractions with up to 2 decimals (4 tiết, 3,5 tiết). */
const amount = (value: number) =>
  formatNumber(value, { decimals: Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2 })
const ratio = (value: number | null) => (value === null ? '—' : formatNumber(value, { decimals: 2 }))

export default function CoveragePrintPage() {
  const { backTo, doc } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  // The report is an administrative document, issued in Vietnamese whatever the UI language.
  const d = translator('vi')
  const toolbar = (children?: ReactNode) => (
    <div className="report-toolbar no-print">
      {children}
      <Link to={backTo} className="button button-quiet">
        {t('coveragePrint.back')}
      </Link>
    </div>
  )
  if (!doc) {
    return (
      <div className="report-page">
        <p className="form-error" role="alert">
          {t('coverage.badQuery')}
        </p>
        {toolbar()}
      </div>
    )
  }
  const numbers = outlineNumbers(doc.units.map((u) => u.depth))
  const modeText = d(doc.mode === 'recorded' ? 'coveragePrint.doc.modeRecorded' : 'coveragePrint.doc.modeRestated')
  const { rows, total } = doc.training
  return (
    <div className="report-page">
      {toolbar(<PrintButton label={t('coveragePrint.print')} />)}
      <p className="muted report-toolbar-hint no-print">{t('coveragePrint.printHint')}</p>
      {locale !== 'vi' ? <p className="muted no-print">{t('coveragePrint.inVietnamese')}</p> : null}

      <article className="report-sheet" lang="vi" aria-labelledby="report-title">
        <header className="report-head">
          <div className="report-agency">
            <p className="report-superior">{ORGANISATION.superior}</p>
            <p className="report-agency-name">{ORGANISATION.name}</p>
            <span className="report-rule" aria-hidden="true" />
            <p className="report-number">
              {fillTemplate(d('coveragePrint.doc.number'), {
                blank: <span className="report-number-blank" />,
                abbr: ORGANISATION.abbreviation,
              })}
            </p>
          </div>
          <div className="report-nation">
            <p className="report-country">{d('certificate.doc.country')}</p>
            <p className="report-motto">{d('certificate.doc.motto')}</p>
            <span className="report-rule report-rule-long" aria-hidden="true" />
            <p className="report-place-date">
              {d('certificate.doc.placeDate', { place: ORGANISATION.place, date: formatOfficialDate(doc.today) })}
            </p>
          </div>
        </header>

        <h1 id="report-title" className="report-title">
          <span className="report-title-kind">{d('coveragePrint.doc.title')}</span>
          <span className="report-subject">{d('coveragePrint.doc.subject', { year: doc.year })}</span>
        </h1>
        <p className="report-basis">{d('coveragePrint.doc.basis', { date: formatDate(doc.asOf), mode: modeText })}</p>
        <span className="report-rule report-rule-title" aria-hidden="true" />

        <div className="report-body">
          {doc.scopeNames.length ? <p>{d('coveragePrint.doc.scope', { unit: doc.scopeNames.join('; ') })}</p> : null}
          <p className="report-para">
            {doc.planReference
              ? d('coveragePrint.doc.intro', { year: doc.year, reference: doc.planReference })
              : d('coveragePrint.doc.introNoPlan', { year: doc.year })}
          </p>

          <section aria-labelledby="table-1">
            <h2 id="table-1" className="report-table-title">
              {`1. ${d('coveragePrint.doc.table1')}`}
            </h2>
            <p className="report-table-unit">{d('coveragePrint.doc.table1Unit')}</p>
            {doc.units.length === 0 ? (
              <p>{d('coveragePrint.doc.noRows', { date: formatDate(doc.asOf) })}</p>
            ) : (
              <div className="table-scroll">
                <table className="report-table report-table-units">
                  <thead>
                    <tr>
                      <th scope="col">{d('coveragePrint.doc.colNo')}</th>
                      <th scope="col">{d('coveragePrint.doc.colUnit')}</th>
                      <th scope="col">{d('coveragePrint.doc.colHeadcount')}</th>
                      <th scope="col">{d('coveragePrint.doc.colRequired')}</th>
                      <th scope="col">{d('coveragePrint.doc.colTrainedAll')}</th>
                      <th scope="col">{d('coveragePrint.doc.colCoverage')}</th>
                      <th scope="col">{d('coveragePrint.doc.colTrainedAny')}</th>
                      <th scope="col">{d('coveragePrint.doc.colPersonTimes')}</th>
                      <th scope="col">{d('coveragePrint.doc.colHours')}</th>
                      <th scope="col">{d('coveragePrint.doc.colTarget')}</th>
                    </tr>
                    <tr className="report-col-numbers">
                      {['1', '2', '3', '4', '5', '6=5/4', '7', '8', '9', '10'].map((n) => (
                        <td key={n}>{n}</td>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {doc.units.map((u, i) => (
                      <tr key={u.unitId} className={u.depth === 0 ? 'report-row-top' : undefined} data-unit={u.unitId}>
                        <td className="report-no">{numbers[i]}</td>
                        <th scope="row" className={`report-unit report-depth-${Math.min(u.depth, 4)}`}>
                          {u.unitName}
                        </th>
                        <td className="num">{formatNumber(u.headcount)}</td>
                        <td className="num">{formatNumber(u.required)}</td>
                        <td className="num">{formatNumber(u.trainedAll)}</td>
                        <td className="num">{ratio(u.coveragePct)}</td>
                        <td className="num">{formatNumber(u.trainedAny)}</td>
                        <td className="num">{formatNumber(u.personTimes)}</td>
                        <td className="num">{amount(u.learningHours)}</td>
                        <td className="num">{u.targetPct === null ? '—' : amount(u.targetPct)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="table-2">
            <h2 id="table-2" className="report-table-title">
              {`2. ${d('coveragePrint.doc.table2')}`}
            </h2>
            <p className="report-table-unit">{d('coveragePrint.doc.table2Unit')}</p>
            <div className="table-scroll">
              <table className="report-table report-table-training">
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {d('coveragePrint.doc.colNo')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {d('coveragePrint.doc.colContent')}
                    </th>
                    <th scope="colgroup" colSpan={4}>
                      {d('coveragePrint.doc.colByStaffType')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {d('coveragePrint.doc.colHours')}
                    </th>
                  </tr>
                  <tr>
                    {STAFF_TYPES.map((type) => (
                      <th scope="col" key={type}>
                        {d(`staffType.${type}`)}
                      </th>
                    ))}
                    <th scope="col">{d('coveragePrint.doc.colTotal')}</th>
                  </tr>
                  <tr className="report-col-numbers">
                    {['1', '2', '3', '4', '5', '6=3+4+5', '7'].map((n) => (
                      <td key={n}>{n}</td>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.reportRow} data-report-row={r.reportRow}>
                      <td className="report-no">{i + 1}</td>
                      <th scope="row" className="report-unit">
                        {d(`reportRow.${r.reportRow}`)}
                      </th>
                      {STAFF_TYPES.map((type) => (
                        <td className="num" key={type}>
                          {formatNumber(r.byStaffType[type])}
                        </td>
                      ))}
                      <td className="num">{formatNumber(r.personTimes)}</td>
                      <td className="num">{amount(r.learningHours)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="report-row-top" data-report-row="total">
                    <td />
                    <th scope="row" className="report-unit">
                      {d('coveragePrint.doc.totalRow')}
                    </th>
                    {STAFF_TYPES.map((type) => (
                      <td className="num" key={type}>
                        {formatNumber(total.byStaffType[type])}
                      </td>
                    ))}
                    <td className="num">{formatNumber(total.personTimes)}</td>
                    <td className="num">{amount(total.learningHours)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <p className="report-note">
              {d('coveragePrint.doc.table2Note', { year: doc.year, date: formatDate(doc.asOf) })}
            </p>
          </section>
        </div>

        <footer className="report-sign">
          <div className="report-recipients">
            <p className="report-recipients-title">{d('coveragePrint.doc.recipients')}</p>
            <p>{d('coveragePrint.doc.recipientHome')}</p>
            <p>{d('coveragePrint.doc.recipientArchive')}</p>
          </div>
          <div className="report-signer">
            <p className="report-signer-title">{d('coveragePrint.doc.preparer')}</p>
            <p className="report-sign-hint">{d('coveragePrint.doc.signHint')}</p>
          </div>
          <div className="report-signer">
            <p className="report-signer-title">
              {doc.scopeNames.length ? d('coveragePrint.doc.unitHead') : ORGANISATION.signerTitle}
            </p>
            <p className="report-sign-hint">{d('coveragePrint.doc.sealHint')}</p>
          </div>
        </footer>
      </article>
    </div>
  )
}
