import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { Stat } from '~/components/ui/stat'
import { StatusBadge } from '~/components/ui/status-badge'
import { formatDate, formatFullName, formatNumber, formatPercent } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { filterMembers, TeamQuery, teamForUser } from '~/models/team-access.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'nav.team')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'unit_head')
  const { status } = TeamQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  const team = teamForUser({ user })
  const members = filterMembers(team.members, status)
  return {
    status,
    year: team.year,
    hasScope: team.hasScope,
    readinessPct: team.readinessPct,
    total: team.members.length,
    courses: team.courses,
    members: members.map((m) => ({ personId: m.personId, name: formatFullName(m), unitName: m.unitName, cells: m.cells })),
  }
}

export default function Team() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  if (!data.hasScope) return <p className="notice">{t('team.noScope')}</p>
  return (
    <>
      <PageHeader title={t('team.title', { year: data.year })} intro={t('team.intro')} />
      <dl className="stats team-stats">
        <Stat label={t('team.readiness')} value={formatPercent(data.readinessPct, { locale })} />
        <Stat label={t('team.members')} value={formatNumber(data.total, { locale })} />
      </dl>
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="status">{t('team.filter')}</label>
          <select id="status" name="status" defaultValue={data.status}>
            <option value="all">{t('team.filterAll')}</option>
            <option value="overdue">{t('team.filterOverdue')}</option>
            <option value="not_started">{t('team.filterNotStarted')}</option>
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('team.apply')}
          </button>
          <a className="button button-quiet" href={`/team.csv?status=${data.status}`} download>
            {t('team.csv')}
          </a>
        </div>
      </Form>
      {data.courses.length === 0 ? (
        <p className="notice">{t('team.noPlan', { year: data.year })}</p>
      ) : data.members.length === 0 ? (
        <p className="notice">{t('team.empty')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('team.count', { shown: data.members.length, total: data.total })}
          </p>
          <div className="table-scroll">
            <table className="team-table">
              <thead>
                <tr>
                  <th scope="col">{t('team.colName')}</th>
                  <th scope="col">{t('team.colUnit')}</th>
                  {data.courses.map((c) => (
                    <th scope="col" key={c.id}>
                      <Link to={`/courses/${c.id}`}>{c.title}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.personId}>
                    <th scope="row">
                      <Link to={`/people/${m.personId}`}>{m.name}</Link>
                    </th>
                    <td>{m.unitName}</td>
                    {data.courses.map((c) => {
                      const cell = m.cells.find((x) => x.courseId === c.id)
                      if (!cell) return <td key={c.id} className="muted">{t('team.notRequired')}</td>
                      return (
                        <td key={c.id}>
                          <StatusBadge status={cell.status} />
                          <span className="team-detail">
                            {cell.completedOn
                              ? [formatDate(cell.completedOn), cell.score !== null ? t('team.score', { score: formatNumber(cell.score, { locale }) }) : null, cell.external ? t('team.external') : null].filter(Boolean).join(' · ')
                              : t('team.due', { date: formatDate(cell.dueDate) })}
                          </span>
                        </td>
                      )
                    })}
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
