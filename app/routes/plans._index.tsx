import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { formatDate, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { isPlanYear, listPlans } from '~/models/plans.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'plans.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const raw = new URL(request.url).searchParams.get('year')?.trim() ?? null
  if (raw !== null && /^\d{4}$/.test(raw) && isPlanYear(Number(raw))) throw redirect(`/plans/${raw}`)
  const thisYear = Number(isoDateInVietnam().slice(0, 4))
  return { plans: listPlans(), input: raw ?? String(thisYear + 1), badYear: raw !== null }
}

export default function Plans() {
  const { plans, input, badYear } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={t('plans.title')} intro={t('plans.intro')} />
      {plans.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t('plans.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.colYear')}</th>
                <th scope="col">{t('plans.colReference')}</th>
                <th scope="col">{t('plans.colReferenceDate')}</th>
                <th scope="col" className="num">
                  {t('plans.colTarget')}
                </th>
                <th scope="col" className="num">
                  {t('plans.colRequirements')}
                </th>
                <th scope="col">{t('plans.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.year}>
                  <td>
                    <Link to={`/plans/${plan.year}`} aria-label={t('plan.title', { year: plan.year })}>{plan.year}</Link>
                  </td>
                  <td>{plan.reference}</td>
                  <td>{formatDate(plan.referenceDate) || t('person.none')}</td>
                  <td className="num">{formatPercent(plan.targetPct, { locale, decimals: 0 })}</td>
                  <td className="num">{plan.requirements}</td>
                  <td>{plan.closed ? <span className="status status-done">{t('plans.closed')}</span> : t('plans.open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t('plans.empty')}</p>
      )}
      <h2>{t('plans.openYear')}</h2>
      <Form method="get" className="inline-form">
        <Field id="year" name="year" label={t('plans.year')} hint={t('plans.yearHint')} defaultValue={input} inputMode="numeric" maxLength={4} error={badYear ? t('plans.badYear') : null} />
        <button type="submit" className="button">
          {t('plans.go')}
        </button>
      </Form>
    </>
  )
}
