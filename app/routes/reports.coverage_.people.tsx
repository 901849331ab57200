/**
 * GET /reports/coverage/people?year&mode&asOf&unit — the drill-down of one row of the coverage report: the people
 * counted in it and, for each, the courses still missing. Same query, same scope rules as the report.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { Stat } from '~/components/ui/stat'
import { formatDate, formatFullName, formatNumber, formatPercent, sortByName } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import { listCoveragePeople } from '~/models/coverage.server'
import { listCourses } from '~/models/courses.server'
import { getYearClose } from '~/models/plans.server'
import lessonStyles from '~/styles/lesson.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: lessonStyles }]
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.coverage')

/** A page lists at most this many people: a department's whole roster on one page would help nobody. */
const LIMIT = 500

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const params = new URL(request.url).searchParams
  const parsed = parseCoverageQuery(params)
  if (!parsed.success || !parsed.data.unit) throw new Response('Bad request', { status: 400 })
  const query = parsed.data
  const unitId = query.unit!
  // The report's scope check: a unit head asking for another unit gets 403 here.
  const report = coverageForUser({ user, query })
  const row = report.rows.find((r) => r.unitId === unitId)
  if (!row) throw new Response('Not found', { status: 404 })
  const onlyMissing = params.get('missing') === '1'
  const titles = new Map(listCourses({ includeDrafts: true }).map((c) => [c.id, c.title]))
  const people = sortByName(
    listCoveragePeople({ year: report.year, asOf: report.asOf, mode: report.mode, unitId }),
    (p) => p,
  )
  const shown = onlyMissing ? people.filter((p) => p.missing.length > 0) : people
  return {
    year: report.year,
    asOf: report.asOf,
    mode: report.mode,
    unit: { id: row.unitId, name: row.unitName },
    figures: {
      headcount: row.headcount,
      required: row.required,
      trainedAll: row.trainedAll,
      coveragePct: row.coveragePct,
    },
    liveForClosedYear: getYearClose({ year: report.year }) !== null,
    onlyMissing,
    total: people.length,
    matching: shown.length,
    people: shown.slice(0, LIMIT).map((p) => ({
      personId: p.personId,
      name: formatFullName(p),
      unitName: p.unitName,
      required: p.required.length,
      missing: p.missing.map((id) => titles.get(id) ?? id),
      personTimes: p.personTimes,
    })),
  }
}

export default function CoveragePeople() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const back = new URLSearchParams({ year: String(data.year), mode: data.mode, asOf: data.asOf }).toString()
  const here = (missing: boolean) =>
    new URLSearchParams({
      year: String(data.year),
      mode: data.mode,
      asOf: data.asOf,
      unit: data.unit.id,
      ...(missing ? { missing: '1' } : {}),
    }).toString()
  const modeText = data.mode === 'recorded' ? t('coverage.recorded') : t('coverage.restated')
  return (
    <>
      <p>
        <Link to={`/reports/coverage?${back}`}>{t('coveragePeople.back')}</Link>
      </p>
      <PageHeader
        title={t('coveragePeople.title', { unit: data.unit.name, year: data.year })}
        intro={t('coveragePeople.intro')}
      />
      <dl className="stats team-stats">
        <Stat label={t('coverage.colHeadcount')} value={formatNumber(data.figures.headcount, { locale })} />
        <Stat label={t('coverage.colRequired')} value={formatNumber(data.figures.required, { locale })} />
        <Stat label={t('coverage.colTrainedAll')} value={formatNumber(data.figures.trainedAll, { locale })} />
        <Stat label={t('coverage.colCoverage')} value={formatPercent(data.figures.coveragePct, { locale })} />
      </dl>
      {data.liveForClosedYear ? <p className="notice">{t('coveragePeople.liveNote', { year: data.year })}</p> : null}
      <Form method="get" className="filter-bar">
        <input type="hidden" name="year" value={data.year} />
        <input type="hidden" name="mode" value={data.mode} />
        <input type="hidden" name="asOf" value={data.asOf} />
        <input type="hidden" name="unit" value={data.unit.id} />
        <div className="field">
          <label htmlFor="missing">{t('coveragePeople.colStatus')}</label>
          <select id="missing" name="missing" defaultValue={data.onlyMissing ? '1' : ''}>
            <option value="">{t('coveragePeople.filterAll')}</option>
            <option value="1">{t('coveragePeople.filterMissing')}</option>
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('team.apply')}
          </button>
        </div>
      </Form>
      {data.total === 0 ? (
        <p className="notice">{t('coveragePeople.empty', { date: formatDate(data.asOf) })}</p>
      ) : data.people.length === 0 ? (
        <p className="notice">{t('coveragePeople.emptyMissing')}</p>
      ) : (
        <>
          {data.matching > data.people.length ? (
            <p className="notice" role="status">
              {t('coveragePeople.truncated', {
                shown: formatNumber(data.people.length, { locale }),
                total: formatNumber(data.matching, { locale }),
              })}
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="coverage-people-table">
              <caption>
                {t('coveragePeople.caption', {
                  count: formatNumber(data.people.length, { locale }),
                  date: formatDate(data.asOf),
                  mode: modeText,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('coveragePeople.colName')}</th>
                  <th scope="col">{t('coveragePeople.colUnit')}</th>
                  <th scope="col">{t('coveragePeople.colStatus')}</th>
                  <th scope="col">{t('coveragePeople.colMissing')}</th>
                  <th scope="col" className="num">
                    {t('coveragePeople.colTimes')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((p) => (
                  <tr key={p.personId}>
                    <th scope="row">
                      <Link to={`/people/${p.personId}`}>{p.name}</Link>
                    </th>
                    <td>{p.unitName}</td>
                    <td>
                      {p.required === 0
                        ? t('coveragePeople.notRequired')
                        : p.missing.length === 0
                        ? t('coveragePeople.done')
                        : t('coveragePeople.missing', { count: p.missing.length })}
                    </td>
                    <td>
                      {p.missing.length ? (
                        <ul className="missing-list">
                          {p.missing.map((title) => (
                            <li key={title}>{title}</li>
                          ))}
                        </ul>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="num">{formatNumber(p.personTimes, { locale })}</td>
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
