import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { requireUser } from '~/auth/guards.server'
import { changePassword, MAX_PASSWORD_LENGTH, type PasswordErrors } from '~/auth/password-change.server'
import { MIN_PASSWORD_LENGTH } from '~/auth/password.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import type { MessageKey } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.password.title')

/** Any signed-in person changes their own password; an API token has no password (and no page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { username: user.username, minLength: MIN_PASSWORD_LENGTH }
}

// Longer than any acceptable password, so the length rule answers next to the field instead of a 400.
const Text = z.string().max(MAX_PASSWORD_LENGTH * 4).catch('')
const PasswordForm = z.object({ current: Text, next: Text, confirm: Text })

type ActionData = { errors: Partial<Record<'current' | 'next' | 'confirm', MessageKey>>; formError: MessageKey | null; minutes: number | null }

const MESSAGES = {
  current: { required: 'account.password.currentRequired', wrong: 'account.password.currentWrong' },
  next: {
    required: 'account.password.nextRequired',
    tooShort: 'account.password.tooShort',
    tooLong: 'account.password.tooLong',
    containsUsername: 'account.password.containsUsername',
    tooCommon: 'account.password.tooCommon',
    sameAsCurrent: 'account.password.sameAsCurrent',
  },
  confirm: { required: 'account.password.confirmRequired', mismatch: 'account.password.mismatch' },
} as const satisfies { [F in keyof PasswordErrors]-?: Record<NonNullable<PasswordErrors[F]>, MessageKey> }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = PasswordForm.parse(Object.fromEntries(await request.formData()))
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null
  const result = await changePassword({ user, current: form.current, next: form.next, confirm: form.confirm, ip })
  if (result.ok) return redirect('/account/password?changed=1')
  const errors: ActionData['errors'] = {}
  if (result.errors.current) errors.current = MESSAGES.current[result.errors.current]
  if (result.errors.next) errors.next = MESSAGES.next[result.errors.next]
  if (result.errors.confirm) errors.confirm = MESSAGES.confirm[result.errors.confirm]
  if ('locked' in result) {
    return data<ActionData>({ errors, formError: 'account.password.locked', minutes: result.retryAfterMinutes }, { status: 429 })
  }
  return data<ActionData>({ errors, formError: null, minutes: null }, { status: 400 })
}

export default function ChangePassword() {
  const { username, minLength } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const t = useT()
  const errors = actionData?.errors ?? {}
  const error = (key: MessageKey | undefined) => (key ? t(key, { min: minLength }) : null)
  return (
    <>
      <PageHeader title={t('account.password.title')} intro={t('account.password.intro', { username })} />
      <section className="card">
        {searchParams.get('changed') && !actionData ? (
          <p className="notice" role="status">
            {t('account.password.changed')}
          </p>
        ) : null}
        {actionData?.formError ? (
          <p className="form-error" role="alert" id="password-error">
            {t(actionData.formError, { minutes: actionData.minutes ?? 15 })}
          </p>
        ) : null}
        {/* Passwords are never sent back: after an error every field is empty again. */}
        <Form method="post" noValidate aria-describedby={actionData?.formError ? 'password-error' : undefined}>
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
          <Field id="current" name="current" type="password" label={t('account.password.current')} autoComplete="current-password" required error={error(errors.current)} />
          <Field
            id="next"
            name="next"
            type="password"
            label={t('account.password.next')}
            hint={t('account.password.rule', { min: minLength })}
            autoComplete="new-password"
            required
            minLength={minLength}
            error={error(errors.next)}
          />
          <Field id="confirm" name="confirm" type="password" label={t('account.password.confirm')} autoComplete="new-password" required error={error(errors.confirm)} />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {t('account.password.submit')}
          </button>
        </Form>
      </section>
    </>
  )
}
