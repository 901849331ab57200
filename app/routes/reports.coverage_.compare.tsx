/**
 * GET /reports/coverage/compare?year=Y&unit= — three years side by side (issue #6, item 4): Y-2, Y-1 and Y, each
 * restated onto today's structure with its default as-of date, per unit of today's tree: coverage of each year,
 * the change in percentage points, and the headcount. The rows come from coverageForUser, so the caller's scope
 * and a closed year's frozen figures apply as on the report page.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { formatDate, formatNumber, formatPercent, formatSignedNumber, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import compareStyles from '~/styles/coverage-compare.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: compareStyles }]
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'coverageCompare.pageTitle')

const YEARS_SHOWN = 3

/** b − a in points, 2 decimals; null when either side has no value. */
function pointChange(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((b - a) * 100) / 100
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const params = new URL(request.url).searchParams
  const input = { year: params.get('year') || isoDateInVietnam().slice(0, 4), unit: params.get('unit') ?? '' }
  const query = new URLSearchParams({ year: input.year, unit: input.unit, mode: 'restated' })
  const parsed = parseCoverageQuery(query)
  const lastYear = parsed.success ? parsed.data.year : 0
  if (!parsed.success || lastYear - (YEARS_SHOWN - 1) < 2000) {
    return data({ input, badQuery: true as const, years: [], rows: [] }, { status: 400 })
  }
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => lastYear - (YEARS_SHOWN - 1) + i)
  const reports = years.map((year) =>
    coverageForUser({ user, query: { ...parsed.data, year, mode: 'restated', asOf: undefined } }),
  )
  const byUnit = reports.map((report) => new Map(report.rows.map((r) => [r.unitId, r])))
  const latest = reports[reports.length - 1]!
  const rows = latest.rows.map((row) => {
    const perYear = byUnit.map((rows) => {
      const r = rows.get(row.unitId)
      return { headcount: r?.headcount ?? null, coveragePct: r?.coveragePct ?? null }
    })
    return {
      unitId: row.unitId,
      unitName: row.unitName,
      depth: row.depth,
      perYear,
      changes: perYear.slice(1).map((current, i) => pointChange(perYear[i]!.coveragePct, current.coveragePct)),
    }
  })
  return {
    input,
    badQuery: false as const,
    years: reports.map((r) => ({ year: r.year, asOf: r.asOf })),
    rows: rows.some((r) => r.perYear.some((y) => (y.headcount ?? 0) > 0)) ? rows : [],
  }
}

export default function CoverageComparePage() {
  const { input, badQuery, years, rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const navigation = useNavigation()
  const lastYear = years[years.length - 1]?.year ?? Number(input.year)
  const firstYear = years[0]?.year ?? lastYear - (YEARS_SHOWN - 1)
  const reportLink = (unit?: string) =>
    `/reports/coverage?${new URLSearchParams({ year: String(lastYear), mode: 'restated', ...(unit ? { unit } : {}) })}`
  const change = (value: number | null) =>
    value === null ? '—' : t('coverageCompare.points', { value: formatSignedNumber(value, { locale }) })
  return (
    <>
      <PageHeader
        title={
          badQuery ? t('coverageCompare.pageTitle') : t('coverageCompare.title', { from: firstYear, to: lastYear })
        }
        intro={t('coverageCompare.intro')}
      />
      <Form method="get" className="filter-bar">
        <Field
          id="year"
          name="year"
          label={t('coverageCompare.year')}
          hint={t('coverageCompare.yearHint')}
          defaultValue={input.year}
          inputMode="numeric"
          error={badQuery ? t('coverageCompare.badQuery') : null}
        />
        {input.unit ? <input type="hidden" name="unit" value={input.unit} /> : null}
        <div className="filter-actions">
          <button type="submit" className="button" disabled={navigation.state !== 'idle'}>
            {t('coverage.show')}
          </button>
          {!badQuery ? (
            <Link className="button button-quiet" to={reportLink(input.unit)}>
              {t('coverageCompare.openReport', { year: lastYear })}
            </Link>
          ) : null}
        </div>
      </Form>
      {badQuery ? null : rows.length === 0 ? (
        <div className="notice">
          <p>{t('coverageCompare.empty', { from: firstYear, to: lastYear, year: lastYear })}</p>
          <p>
            <Link to={`/reports/coverage?year=${lastYear}`}>{t('coverageCompare.openReport', { year: lastYear })}</Link>
          </p>
        </div>
      ) : (
        <>
          {/* Above the scrolling box, so that a phone shows the whole explanation. */}
          <p className="compare-note" id="compare-note">
            {t('coverageCompare.caption', { dates: years.map((y) => formatDate(y.asOf)).join(', ') })}
          </p>
          <div className="table-scroll">
            <table className="coverage-table compare-table" aria-describedby="compare-note">
              <caption className="compare-caption">
                {t('coverageCompare.title', { from: firstYear, to: lastYear })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('coverage.colUnit')}
                  </th>
                  <th scope="colgroup" colSpan={years.length}>
                    {t('coverageCompare.pctGroup')}
                  </th>
                  <th scope="colgroup" colSpan={years.length - 1} className="group-start">
                    {t('coverageCompare.changeGroup')}
                  </th>
                  <th scope="colgroup" colSpan={years.length} className="group-start">
                    {t('coverageCompare.headcountGroup')}
                  </th>
                </tr>
                <tr>
                  {years.map((y) => (
                    <th scope="col" className="num" key={`pct-${y.year}`}>
                      {y.year}
                    </th>
                  ))}
                  {years.slice(1).map((y, i) => (
                    <th scope="col" className={`num${i === 0 ? ' group-start' : ''}`} key={`change-${y.year}`}>
                      {t('coverageCompare.colChange', { from: years[i]!.year, to: y.year })}
                    </th>
                  ))}
                  {years.map((y, i) => (
                    <th scope="col" className={`num${i === 0 ? ' group-start' : ''}`} key={`headcount-${y.year}`}>
                      {y.year}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.unitId} className={`depth-${Math.min(row.depth, 4)}`} data-unit={row.unitId}>
                    <th scope="row" className="coverage-unit">
                      <span className={`tree-cell depth-${Math.min(row.depth, 4)}`}>
                        <Link to={reportLink(row.unitId)}>{row.unitName}</Link>
                      </span>
                    </th>
                    {row.perYear.map((y, i) => (
                      <td className="num" key={`pct-${i}`}>
                        {formatPercent(y.coveragePct, { locale })}
                      </td>
                    ))}
                    {row.changes.map((c, i) => (
                      <td
                        className={[
                          'num change',
                          i === 0 ? 'group-start' : '',
                          c !== null && c > 0 ? 'change-up' : '',
                          c !== null && c < 0 ? 'change-down' : '',
                        ]
                          .filter(Boolean)
                          .join(' ')}
                        key={`change-${i}`}
                      >
                        {change(c)}
                      </td>
                    ))}
                    {row.perYear.map((y, i) => (
                      <td className={`num${i === 0 ? ' group-start' : ''}`} key={`headcount-${i}`}>
                        {y.headcount === null ? '—' : formatNumber(y.headcount, { locale })}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
