import { pageTitle } from '~/i18n/meta'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { formatDate, formatNumber, isIsoDate, isoDateInVietnam, parseViDate } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { getUnitTreeWithHeadcount } from '~/models/units.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'org.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['unit_head', 'hr'])
  const raw = new URL(request.url).searchParams.get('asOf')?.trim() ?? ''
  const parsed = raw ? (isIsoDate(raw) ? raw : parseViDate(raw)) : isoDateInVietnam()
  const asOf = parsed ?? isoDateInVietnam()
  // HR and admin without a unit scope see everything; everyone else the subtrees of their scopes.
  const whole = user.roles.some((g) => (g.role === 'hr' || g.role === 'admin') && g.unitId === null)
  const roots = whole ? [null] : [...new Set(user.roles.filter((g) => g.role !== 'learner' && g.unitId).map((g) => g.unitId))]
  const rows = roots.flatMap((rootId) =>
    getUnitTreeWithHeadcount({ asOf, rootId }).map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      depth: u.depth,
      headcount: u.headcount,
    })),
  )
  return { asOf, input: raw || formatDate(asOf), badDate: !!raw && !parsed, rows }
}

export default function Organisation() {
  const { asOf, input, badDate, rows } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={t('org.title')} intro={t('org.intro')} />
      <Form method="get" className="inline-form" style={{ marginBottom: '1rem' }}>
        <Field
          id="asOf"
          name="asOf"
          label={t('org.asOf')}
          hint={t('org.asOfHint')}
          defaultValue={input}
          inputMode="numeric"
          error={badDate ? t('org.badDate') : null}
        />
        <button type="submit" className="button">
          {t('org.show')}
        </button>
      </Form>
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t('org.caption', { date: formatDate(asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.colUnit')}</th>
                <th scope="col">{t('org.colCode')}</th>
                <th scope="col">{t('org.colKind')}</th>
                <th scope="col" className="num">
                  {t('org.colStaff')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={`depth-${Math.min(row.depth, 4)}`}>
                  <td>
                    <span className={`tree-cell depth-${Math.min(row.depth, 4)}`}>{row.name}</span>
                  </td>
                  <td>
                    <code>{row.code}</code>
                  </td>
                  <td>{t(`unitKind.${row.kind}`)}</td>
                  <td className="num">{formatNumber(row.headcount, { locale })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t('org.empty', { date: formatDate(asOf) })}</p>
      )}
    </>
  )
}
