import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { requireRole } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import type { MessageKey } from '~/i18n'
import { formatDateTime } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { API_TOKEN_ROLES, createApiToken, listApiTokens, revokeApiToken, TOKEN_NAME_MAX } from '~/models/api-tokens.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'tokens.title')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'admin')
  return {
    nameMax: TOKEN_NAME_MAX,
    roles: API_TOKEN_ROLES,
    tokens: listApiTokens().map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      role: t.role,
      createdAt: formatDateTime(t.createdAt),
      createdBy: t.createdByName,
      lastUsedAt: t.lastUsedAt === null ? null : formatDateTime(t.lastUsedAt),
      revokedAt: t.revokedAt === null ? null : formatDateTime(t.revokedAt),
    })),
  }
}

const CreateForm = z.object({
  intent: z.literal('create'),
  name: z.string().max(10_000).default(''),
  role: z.string().max(20).default(''),
})
const RevokeForm = z.object({ intent: z.literal('revoke'), tokenId: z.string().uuid() })
const ActionForm = z.discriminatedUnion('intent', [CreateForm, RevokeForm])

type ActionData = {
  values: { name: string; role: string }
  nameError: MessageKey | null
  roleError: MessageKey | null
  formError: MessageKey | null
  created: { token: string; name: string; prefix: string } | null
  revoked: boolean
}

const blank: ActionData = { values: { name: '', role: 'hr' }, nameError: null, roleError: null, formError: null, created: null, revoked: false }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const form = ActionForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) return data<ActionData>({ ...blank, formError: 'tokens.badRequest' }, { status: 400 })
  if (form.data.intent === 'revoke') {
    const result = revokeApiToken({ tokenId: form.data.tokenId, actorUserId: user.id })
    if (result.ok) return data<ActionData>({ ...blank, revoked: true })
    const formError: MessageKey = result.error === 'not_found' ? 'tokens.notFound' : 'tokens.alreadyRevoked'
    return data<ActionData>({ ...blank, formError }, { status: result.error === 'not_found' ? 404 : 409 })
  }
  const values = { name: form.data.name, role: form.data.role }
  const role = z.enum(API_TOKEN_ROLES).safeParse(form.data.role)
  const result = role.success ? createApiToken({ name: form.data.name, role: role.data, createdBy: user.id }) : null
  if (!result?.ok) {
    const nameError: MessageKey | null = result?.error === 'name_required' ? 'tokens.nameRequired' : result?.error === 'name_too_long' ? 'tokens.nameTooLong' : null
    return data<ActionData>({ ...blank, values, nameError, roleError: role.success ? null : 'tokens.roleInvalid' }, { status: 400 })
  }
  // The only time the token is ever sent: in this answer, never in a redirect, a log or the database.
  return data<ActionData>({ ...blank, created: { token: result.token, name: form.data.name.trim(), prefix: result.prefix } })
}

/** "Copy" needs the clipboard API, so it appears once the page is hydrated; the field can always be selected. */
function CopyButton({ targetId }: { targetId: string }) {
  const t = useT()
  const [hydrated, setHydrated] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (!hydrated || !navigator.clipboard) return null
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={() => {
        const input = document.getElementById(targetId) as HTMLInputElement | null
        if (input) void navigator.clipboard.writeText(input.value).then(() => setCopied(true))
      }}
    >
      {copied ? t('tokens.copied') : t('tokens.copy')}
    </button>
  )
}

export default function ApiTokens() {
  const { tokens, nameMax, roles } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const submitting = navigation.state === 'submitting'
  const values = actionData?.created ? blank.values : (actionData?.values ?? blank.values)
  return (
    <>
      <PageHeader title={t('tokens.title')} intro={t('tokens.intro')} />
      {actionData?.formError ? (
        <p className="form-error" role="alert">
          {t(actionData.formError)}
        </p>
      ) : null}
      {actionData?.revoked ? (
        <p className="notice" role="status">
          {t('tokens.revokedNotice')}
        </p>
      ) : null}
      {actionData?.created ? (
        <section className="card token-created" aria-labelledby="token-created-title" role="status">
          <h2 id="token-created-title">{t('tokens.createdTitle', { name: actionData.created.name })}</h2>
          <p>
            <strong>{t('tokens.showOnce')}</strong>
          </p>
          <div className="token-copy">
            <input id="new-token" className="token-value" aria-label={t('tokens.tokenLabel')} readOnly value={actionData.created.token} spellCheck={false} autoComplete="off" />
            <CopyButton targetId="new-token" />
          </div>
          <p className="muted">{t('tokens.copyHint')}</p>
          <p className="muted">
            {t('tokens.usage')} <code>Authorization: Bearer {actionData.created.prefix}…</code>
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="token-new-title">
        <h2 id="token-new-title">{t('tokens.newTitle')}</h2>
        <Form method="post" noValidate className="token-form" key={actionData?.created?.prefix ?? 'form'}>
          <input type="hidden" name="intent" value="create" />
          <Field
            id="name"
            name="name"
            label={t('tokens.name')}
            hint={t('tokens.nameHint', { max: nameMax })}
            defaultValue={values.name}
            maxLength={nameMax}
            required
            autoComplete="off"
            error={actionData?.nameError ? t(actionData.nameError, { max: nameMax }) : null}
          />
          <fieldset className="token-roles" aria-describedby={actionData?.roleError ? 'role-error' : undefined}>
            <legend>{t('tokens.role')}</legend>
            {roles.map((role) => (
              <label key={role} className="radio">
                <input type="radio" name="role" value={role} defaultChecked={values.role === role} /> {t(`tokens.role.${role}`)}
              </label>
            ))}
            {actionData?.roleError ? (
              <p className="field-error" id="role-error" role="alert">
                {t(actionData.roleError)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button" disabled={submitting}>
            {t('tokens.create')}
          </button>
        </Form>
      </section>

      <h2>{t('tokens.listTitle')}</h2>
      {tokens.length ? (
        <div className="table-scroll">
          <table className="tokens-table">
            <thead>
              <tr>
                <th scope="col">{t('tokens.colName')}</th>
                <th scope="col">{t('tokens.colPrefix')}</th>
                <th scope="col">{t('tokens.colRole')}</th>
                <th scope="col">{t('tokens.colCreated')}</th>
                <th scope="col">{t('tokens.colLastUsed')}</th>
                <th scope="col">{t('tokens.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{`${token.prefix}…`}</code>
                  </td>
                  <td>{t(`tokens.role.${token.role}`)}</td>
                  <td>
                    {token.createdAt}
                    {token.createdBy ? <span className="muted token-by">{t('tokens.by', { name: token.createdBy })}</span> : null}
                  </td>
                  <td>{token.lastUsedAt ?? <span className="muted">{t('tokens.neverUsed')}</span>}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="status status-overdue">{t('tokens.revokedOn', { date: token.revokedAt })}</span>
                    ) : (
                      <Form method="post" className="token-revoke">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <span className="status status-done">{t('tokens.active')}</span>{' '}
                        <button type="submit" className="button button-quiet token-revoke-button" aria-label={t('tokens.revokeLabel', { name: token.name })}>
                          {t('tokens.revoke')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="notice">{t('tokens.empty')}</p>
      )}
    </>
  )
}
