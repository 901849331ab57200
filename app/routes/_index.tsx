import { pageTitle } from '~/i18n/meta'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { hasRole, requireUser } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { Stat } from '~/components/ui/stat'
import { STAFF_TYPES } from '~/db/enums'
import { formatDate, formatFullName, formatNumber, isoDateInVietnam } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { countAuditEntries } from '~/models/audit.server'
import { countStaffByType, getPersonPost } from '~/models/people.server'
import { getUnitTreeWithHeadcount } from '~/models/units.server'
import { countAccounts } from '~/models/users.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const today = isoDateInVietnam()

  const post = user.personId ? getPersonPost({ personId: user.personId, asOf: today }) : null

  const headScopes = user.roles.filter((grant) => grant.role === 'unit_head' && grant.unitId)
  const myUnits = headScopes.flatMap((grant) => {
    const tree = getUnitTreeWithHeadcount({ asOf: today, rootId: grant.unitId })
    const root = tree[0]
    return root ? [{ id: root.id, name: root.name, headcount: root.headcount, subunits: tree.length - 1 }] : []
  })

  const seesOrganisation = hasRole(user, ['hr', 'admin'])
  const organisation = seesOrganisation
    ? (() => {
        const tree = getUnitTreeWithHeadcount({ asOf: today })
        return {
          units: tree.length,
          staff: tree.filter((u) => u.depth === 0).reduce((sum, u) => sum + u.headcount, 0),
          byType: countStaffByType({ asOf: today }),
        }
      })()
    : null

  const admin = hasRole(user, 'admin') ? { ...countAccounts(), auditEntries: countAuditEntries() } : null

  return {
    today,
    displayName: user.displayName,
    roles: user.roles.map((grant) => grant.role),
    learner: post
      ? {
          name: formatFullName(post),
          staffType: post.staffType,
          rank: post.rank,
          posts: post.posts.map((p) => ({ unitName: p.unitName, position: p.position, since: p.since })),
        }
      : null,
    myUnits,
    organisation,
    admin,
  }
}

export default function Home() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const n = (value: number) => formatNumber(value, { locale })
  return (
    <>
      <PageHeader title={t('home.greeting', { name: data.displayName })} intro={t('home.asOf', { date: formatDate(data.today) })}>
        <ul className="badges" aria-label={t('home.yourRoles')}>
          {[...new Set(data.roles)].map((role) => (
            <li key={role} className="badge">
              {t(`role.${role}`)}
            </li>
          ))}
        </ul>
      </PageHeader>
      <div className="cards">
        {data.learner ? (
          <section className="card" aria-labelledby="learner-title">
            <h2 id="learner-title">{t('home.learner.title')}</h2>
            {data.learner.posts.length ? (
              <dl className="details-list">
                {data.learner.posts.map((post) => (
                  <div key={post.unitName + post.since} style={{ display: 'contents' }}>
                    <dt>{t('home.learner.unit')}</dt>
                    <dd>{post.unitName}</dd>
                    {post.position ? (
                      <>
                        <dt>{t('home.learner.position')}</dt>
                        <dd>{post.position}</dd>
                      </>
                    ) : null}
                  </div>
                ))}
                <dt>{t('home.learner.staffType')}</dt>
                <dd>{t(`staffType.${data.learner.staffType}`)}</dd>
                {data.learner.rank ? (
                  <>
                    <dt>{t('home.learner.rank')}</dt>
                    <dd>{data.learner.rank}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p>{t('home.learner.noAssignment')}</p>
            )}
            <p>
              <Link to="/learn" className="button">
                {t('home.learner.goLearn')}
              </Link>
            </p>
          </section>
        ) : null}
        {data.myUnits.map((unit) => (
          <section className="card" key={unit.id} aria-labelledby={`unit-${unit.id}`}>
            <h2 id={`unit-${unit.id}`}>
              {t('home.unitHead.title')}: {unit.name}
            </h2>
            <dl className="stats">
              <Stat label={t('home.unitHead.staff')} value={n(unit.headcount)} />
              <Stat label={t('home.unitHead.subunits')} value={n(unit.subunits)} />
            </dl>
          </section>
        ))}
        {data.organisation ? (
          <section className="card" aria-labelledby="org-title">
            <h2 id="org-title">{t('home.hr.title')}</h2>
            <dl className="stats">
              <Stat label={t('home.hr.units')} value={n(data.organisation.units)} />
              <Stat label={t('home.hr.staff')} value={n(data.organisation.staff)} />
              {STAFF_TYPES.map((type) => (
                <Stat key={type} label={t(`staffType.${type}`)} value={n(data.organisation!.byType[type])} />
              ))}
            </dl>
          </section>
        ) : null}
        {data.admin ? (
          <section className="card" aria-labelledby="admin-title">
            <h2 id="admin-title">{t('home.admin.title')}</h2>
            <dl className="stats">
              <Stat label={t('home.admin.accounts')} value={n(data.admin.accounts)} />
              <Stat label={t('home.admin.activeSessions')} value={n(data.admin.activeSessions)} />
              <Stat label={t('home.admin.auditEntries')} value={n(data.admin.auditEntries)} />
            </dl>
          </section>
        ) : null}
      </div>
    </>
  )
}
