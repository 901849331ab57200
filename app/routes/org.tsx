import { pageTitle } from '~/i18n/meta'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { UNIT_KINDS } from '~/db/enums'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { SelectField } from '~/components/ui/field'
import { formatDate, formatNumber, isIsoDate, isoDateInVietnam, parseViDate } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { fieldErrors, type FieldError } from '~/models/lineage-form'
import { createUnit } from '~/models/lineage.server'
import { getUnitTreeWithHeadcount, listUnitsAsOf, orderAsTree } from '~/models/units.server'

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
  const canEdit = hasRole(user, ['hr', 'admin'])
  // Parents offered by the "add a unit" form: the units of today.
  const parents = canEdit ? orderAsTree(listUnitsAsOf({ asOf: isoDateInVietnam() })).map((u) => ({ code: u.code, name: u.name, depth: u.depth })) : []
  return { asOf, input: raw || formatDate(asOf), badDate: !!raw && !parsed, rows, canEdit, parents }
}

const CreateForm = z.object({
  code: z.string().max(100).default(''),
  name: z.string().max(400).default(''),
  kind: z.string().max(40).default(''),
  parentCode: z.string().max(100).default(''),
  validFrom: z.string().max(40).default(''),
  decisionNumber: z.string().max(200).default(''),
  decisionDate: z.string().max(40).default(''),
  decisionIssuer: z.string().max(400).default(''),
})
type CreateValues = z.output<typeof CreateForm>

/** dd/mm/yyyy (or ISO) → ISO; anything else passes through for the model to refuse next to the field. */
function isoOf(input: string): string {
  const trimmed = input.trim()
  return parseViDate(trimmed) ?? trimmed
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const form = CreateForm.safeParse(Object.fromEntries(await request.formData()))
  const values: CreateValues = form.success ? form.data : CreateForm.parse({})
  if (!form.success) return data({ values, errors: { '': { key: 'unitForm.error.invalid' } } as Record<string, FieldError> }, { status: 400 })
  const hasDecision = !!(values.decisionNumber.trim() || values.decisionDate.trim() || values.decisionIssuer.trim())
  const { actorUserId, actorTokenId } = actorOf(user)
  const result = createUnit({
    code: values.code,
    name: values.name,
    kind: values.kind as (typeof UNIT_KINDS)[number],
    parentCode: values.parentCode.trim() || null,
    validFrom: isoOf(values.validFrom),
    decision: hasDecision ? { number: values.decisionNumber, date: isoOf(values.decisionDate), issuer: values.decisionIssuer } : undefined,
    actor: { userId: actorUserId, tokenId: actorTokenId },
  })
  if (result.ok) return redirect(`/org/units/${encodeURIComponent(result.id)}?created=1`)
  return data({ values, errors: fieldErrors(result.details, { createForm: true }) }, { status: result.status })
}

export default function Organisation() {
  const { asOf, input, badDate, rows, canEdit, parents } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const locale = useLocale()
  const values = actionData?.values
  const errors: Record<string, FieldError> = actionData?.errors ?? {}
  const err = (field: string) => (errors[field] ? t(errors[field].key, errors[field].params) : null)
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
          <table className="org-table">
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
                    <span className={`tree-cell depth-${Math.min(row.depth, 4)}`}>
                      <Link to={`/org/units/${encodeURIComponent(row.id)}`}>{row.name}</Link>
                    </span>
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
      {canEdit ? (
        <section className="card unit-form" aria-labelledby="add-unit-title">
          <h2 id="add-unit-title">{t('org.addTitle')}</h2>
          <p className="muted">{t('org.addIntro')}</p>
          {Object.keys(errors).length ? (
            <p className="form-error" role="alert">
              {errors[''] ? t(errors[''].key, errors[''].params) : t('unitForm.formError')}
            </p>
          ) : null}
          <Form method="post" noValidate>
            <div className="form-grid">
              <Field id="code" name="code" label={t('unitForm.code')} hint={t('unitForm.codeHint')} defaultValue={values?.code ?? ''} autoCapitalize="characters" maxLength={32} required error={err('code')} />
              <Field id="name" name="name" label={t('unitForm.name')} defaultValue={values?.name ?? ''} required error={err('name')} />
              <SelectField
                id="kind"
                name="kind"
                label={t('unitForm.kind')}
                defaultValue={values?.kind ?? 'phong'}
                options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
                error={err('kind')}
              />
              <SelectField
                id="parentCode"
                name="parentCode"
                label={t('unitForm.parent')}
                defaultValue={values?.parentCode ?? parents[0]?.code ?? ''}
                options={[{ value: '', label: t('unitForm.noParent') }, ...parents.map((p) => ({ value: p.code, label: `${'\u00a0\u00a0'.repeat(p.depth)}${p.name} (${p.code})` }))]}
                error={err('parentCode')}
              />
              <Field id="validFrom" name="validFrom" label={t('unitForm.validFrom')} hint={t('unitForm.dateHint')} inputMode="numeric" defaultValue={values?.validFrom ?? ''} required error={err('date')} />
            </div>
            <fieldset className="unit-decision">
              <legend>{t('unitForm.decisionOptional')}</legend>
              <div className="form-grid">
                <Field id="decisionNumber" name="decisionNumber" label={t('unitForm.decisionNumber')} hint={t('unitForm.decisionNumberHint')} defaultValue={values?.decisionNumber ?? ''} error={err('decisionNumber')} />
                <Field id="decisionDate" name="decisionDate" label={t('unitForm.decisionDate')} hint={t('unitForm.dateHint')} inputMode="numeric" defaultValue={values?.decisionDate ?? ''} error={err('decisionDate')} />
                <Field id="decisionIssuer" name="decisionIssuer" label={t('unitForm.decisionIssuer')} hint={t('unitForm.decisionIssuerHint')} defaultValue={values?.decisionIssuer ?? ''} error={err('decisionIssuer')} />
              </div>
            </fieldset>
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              {t('org.addSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
