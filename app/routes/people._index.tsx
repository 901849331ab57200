import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireRole, requireUnitScope } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { STAFF_TYPES } from '~/db/enums'
import { formatDate, formatFullName, formatNumber, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { listPeople, listPositions, maskNationalId, resolveScopeUnitIds } from '~/models/people.server'
import { listUnitsAsOf, orderAsTree } from '~/models/units.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.title')

const Query = z.object({
  q: z.string().max(100).catch(''),
  unit: z.string().max(100).catch(''),
  type: z.enum(STAFF_TYPES).or(z.literal('')).catch(''),
  position: z.string().max(200).catch(''),
  status: z.enum(['active', 'inactive', 'all']).catch('active'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['unit_head', 'hr'])
  const url = new URL(request.url)
  const query = Query.parse({
    q: url.searchParams.get('q') ?? '',
    unit: url.searchParams.get('unit') ?? '',
    type: url.searchParams.get('type') ?? '',
    position: url.searchParams.get('position') ?? '',
    status: url.searchParams.get('status') ?? 'active',
    page: url.searchParams.get('page') ?? 1,
  })
  const asOf = isoDateInVietnam()
  // A unit head asking for another unit's list gets a 403, not an empty page.
  if (query.unit) await requireUnitScope(request, query.unit, asOf)
  const scope = resolveScopeUnitIds({ grants: user.roles, asOf })
  const list = listPeople({
    asOf,
    scopeUnitIds: scope,
    filter: { query: query.q, unitId: query.unit || null, staffType: query.type || null, position: query.position || null, active: query.status },
    page: query.page,
  })
  const showFullId = hasRole(user, ['hr', 'admin'])
  const units = orderAsTree(listUnitsAsOf({ asOf }))
    .filter((u) => !scope || scope.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, depth: u.depth }))
  return {
    asOf,
    query,
    scoped: scope !== null,
    units,
    positions: listPositions({ asOf }),
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    people: list.items.map((p) => ({
      id: p.id,
      name: formatFullName(p),
      nationalId: showFullId ? p.nationalId : maskNationalId(p.nationalId),
      staffType: p.staffType,
      active: p.active,
      units: p.posts.map((post) => post.unitName),
      positions: p.posts.map((post) => post.position).filter(Boolean),
    })),
  }
}

export default function PeopleList() {
  const { asOf, query, scoped, units, positions, total, page, pageCount, people } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const pageLink = (n: number) => {
    const params = new URLSearchParams()
    if (query.q) params.set('q', query.q)
    if (query.unit) params.set('unit', query.unit)
    if (query.type) params.set('type', query.type)
    if (query.position) params.set('position', query.position)
    if (query.status !== 'active') params.set('status', query.status)
    if (n > 1) params.set('page', String(n))
    const s = params.toString()
    return s ? `/people?${s}` : '/people'
  }
  return (
    <>
      <PageHeader title={t('people.title')} intro={scoped ? t('people.introScoped') : t('people.intro')} />
      <Form method="get" className="filter-bar" role="search">
        <Field id="q" name="q" type="search" label={t('people.search')} hint={t('people.searchHint')} defaultValue={query.q} />
        <div className="field">
          <label htmlFor="unit">{t('people.unit')}</label>
          <select id="unit" name="unit" defaultValue={query.unit}>
            <option value="">{t('people.allUnits')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {'\u00a0\u00a0'.repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type">{t('people.staffType')}</label>
          <select id="type" name="type" defaultValue={query.type}>
            <option value="">{t('people.allStaffTypes')}</option>
            {STAFF_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`staffType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="position">{t('people.position')}</label>
          <select id="position" name="position" defaultValue={query.position}>
            <option value="">{t('people.allPositions')}</option>
            {positions.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        {/* A unit head's scope is the people in post in their units: there is nobody else to show them. */}
        {scoped ? null : (
          <div className="field">
            <label htmlFor="status">{t('people.status')}</label>
            <select id="status" name="status" defaultValue={query.status}>
              <option value="active">{t('people.statusActive')}</option>
              <option value="inactive">{t('people.statusInactive')}</option>
              <option value="all">{t('people.statusAll')}</option>
            </select>
          </div>
        )}
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('people.filter')}
          </button>
          <Link to="/people" className="button button-quiet">
            {t('people.clear')}
          </Link>
        </div>
      </Form>
      <p role="status">{t('people.count', { n: formatNumber(total, { locale }) })}</p>
      {people.length ? (
        <div className="table-scroll">
          <table className="people-table">
            <caption>{t('people.caption', { date: formatDate(asOf), page, pages: pageCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.colName')}</th>
                <th scope="col">{t('people.colNationalId')}</th>
                <th scope="col">{t('people.colUnit')}</th>
                <th scope="col">{t('people.colPosition')}</th>
                <th scope="col">{t('people.colStaffType')}</th>
                <th scope="col">{t('people.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/people/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>
                    <code>{p.nationalId}</code>
                  </td>
                  <td>{p.units.join('; ') || t('person.none')}</td>
                  <td>{p.positions.join('; ') || t('person.none')}</td>
                  <td>{t(`staffType.${p.staffType}`)}</td>
                  <td>{p.active ? t('people.statusActive') : t('people.statusInactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="notice">
          <p>{t('people.empty')}</p>
          <p>{t('people.emptyNext')}</p>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label={t('people.pagination')}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              ← {t('people.prev')}
            </Link>
          ) : (
            <span />
          )}
          <span>{t('people.pageOf', { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t('people.next')} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  )
}
