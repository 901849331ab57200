import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { Field, SelectField } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { formatDateTime, formatNumber } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { auditQueryString, parseAuditQuery } from '~/models/audit-filter'
import { AUDIT_PAGE_SIZE, listAuditEntries, listAuditFacets } from '~/models/audit.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'audit.title')

const DETAILS_SHOWN = 240

/**
 * Admins and HR read the log: HR answers for the personnel data whose changes it records (imports, plans,
 * lineage events, records) and must be able to review them; the log holds no secret (never a token or a password).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const query = parseAuditQuery(new URL(request.url).searchParams)
  const facets = listAuditFacets()
  const hasErrors = Object.keys(query.errors).length > 0
  const { rows, total } = hasErrors ? { rows: [], total: 0 } : listAuditEntries({ filter: query.filter, page: query.page })
  const body = {
    input: query.input,
    errors: query.errors,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    actors: facets.actors.map((a) => ({ key: a.key, name: a.name, username: a.username, isToken: a.isToken })),
    actions: facets.actions,
    rows: rows.map((row) => {
      const details = row.details === null || row.details === undefined ? '' : JSON.stringify(row.details)
      return {
        id: row.id,
        at: formatDateTime(row.at),
        actor: row.actorTokenId
          ? { kind: 'token' as const, name: row.tokenName ?? row.actorTokenId, handle: row.tokenPrefix ? `${row.tokenPrefix}…` : null }
          : row.actorUserId
            ? { kind: 'user' as const, name: row.actorName ?? row.actorUserId, handle: row.actorUsername }
            : { kind: 'system' as const, name: null, handle: null },
        action: row.action,
        entity: row.entityId ? `${row.entityType} ${row.entityId}` : row.entityType,
        details: details.length > DETAILS_SHOWN ? `${details.slice(0, DETAILS_SHOWN)}…` : details,
      }
    }),
  }
  return data(body, { status: hasErrors ? 400 : 200 })
}

export default function AuditLog() {
  const { input, errors, page, pages, total, actors, actions, rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const errorOf = (key: keyof typeof errors) => (errors[key] ? t(errors[key]) : null)
  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <Form method="get" className="filter-bar audit-filter">
        <SelectField
          id="actor"
          name="actor"
          label={t('audit.actor')}
          hint={t('audit.actorHint')}
          defaultValue={input.actor}
          error={errorOf('actor')}
          options={[
            { value: '', label: t('audit.anyActor') },
            ...actors.map((a) => ({
              value: a.key,
              label: a.isToken ? t('audit.tokenActor', { name: a.name }) : a.username ? `${a.name} (${a.username})` : a.name,
            })),
          ]}
        />
        <SelectField
          id="action"
          name="action"
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          defaultValue={input.action}
          error={errorOf('action')}
          options={[{ value: '', label: t('audit.anyAction') }, ...actions.map((action) => ({ value: action, label: action }))]}
        />
        <Field id="from" name="from" label={t('audit.from')} hint={t('audit.dateHint')} defaultValue={input.from} inputMode="numeric" error={errorOf('from')} />
        <Field id="to" name="to" label={t('audit.to')} hint={t('audit.dateHint')} defaultValue={input.to} inputMode="numeric" error={errorOf('to')} />
        <div className="filter-actions">
          <button type="submit" className="button">
            {t('audit.filter')}
          </button>
          <Link to="/admin/audit" className="button button-quiet">
            {t('audit.clear')}
          </Link>
        </div>
      </Form>

      <div className="audit-summary">
        <p className="muted" role="status">
          {Object.keys(errors).length ? null : t('audit.count', { n: formatNumber(total, { locale }) })}
        </p>
        {total > 0 ? (
          <a href={`/admin/audit.csv${auditQueryString(input)}`} className="button button-quiet" download>
            {t('audit.export')}
          </a>
        ) : null}
      </div>

      {rows.length ? (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colAt')}</th>
                <th scope="col">{t('audit.colActor')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colEntity')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">{row.at}</td>
                  <td>
                    {row.actor.kind === 'token' ? t('audit.tokenActor', { name: row.actor.name }) : row.actor.kind === 'user' ? row.actor.name : t('audit.system')}
                    {row.actor.handle ? <span className="muted audit-handle">{row.actor.handle}</span> : null}
                  </td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td className="audit-entity">{row.entity}</td>
                  <td className="audit-details">
                    <code>{row.details}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{Object.keys(errors).length ? t('audit.fixFilter') : t('audit.empty')}</p>
      )}

      {pages > 1 ? (
        <nav className="audit-pager" aria-label={t('audit.pager')}>
          {page > 1 ? (
            <Link to={`/admin/audit${auditQueryString(input, page - 1)}`} rel="prev">
              {t('audit.newer')}
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">{t('audit.pageOf', { page, pages })}</span>
          {page < pages ? (
            <Link to={`/admin/audit${auditQueryString(input, page + 1)}`} rel="next">
              {t('audit.older')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  )
}
