import { pageTitle } from '~/i18n/meta'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { getOptionalUser } from '~/auth/guards.server'
import { attemptLogin } from '~/auth/login.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { createSession } from '~/auth/session.server'
import { Field } from '~/components/ui/field'
import { translator, type MessageKey } from '~/i18n'
import { resolveLocale } from '~/i18n/locale.server'
import { useT } from '~/i18n/use-t'
import { DEMO_PASSWORD } from '~/models/demo'
import { listDemoUsernames } from '~/models/users.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.title')

const DEMO_ORDER = ['hocvien', 'truongphong', 'tochuc', 'quantri']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const url = new URL(request.url)
  if (user) throw redirect(safeRedirect(url.searchParams.get('redirectTo')))
  const demo = listDemoUsernames().sort((a, b) => DEMO_ORDER.indexOf(a) - DEMO_ORDER.indexOf(b))
  return { demoAccounts: demo, demoPassword: demo.length ? DEMO_PASSWORD : null }
}

const LoginForm = z.object({
  username: z.string().trim().min(1, 'login.usernameRequired').max(100),
  password: z.string().min(1, 'login.passwordRequired').max(200),
  redirectTo: z.string().optional(),
})

type ActionData = {
  fields: { username: string }
  fieldErrors: Partial<Record<'username' | 'password', string>>
  formError: string | null
}

export async function action({ request }: ActionFunctionArgs) {
  const t = translator(resolveLocale(request))
  const form = Object.fromEntries(await request.formData())
  const parsed = LoginForm.safeParse(form)
  const username = typeof form.username === 'string' ? form.username : ''
  if (!parsed.success) {
    const fieldErrors: ActionData['fieldErrors'] = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      if ((field === 'username' || field === 'password') && !fieldErrors[field]) {
        fieldErrors[field] = t(issue.message.startsWith('login.') ? (issue.message as MessageKey) : 'login.invalid')
      }
    }
    const data: ActionData = { fields: { username }, fieldErrors, formError: null }
    return data
  }
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null
  const result = await attemptLogin({ username: parsed.data.username, password: parsed.data.password, ip })
  if (!result.ok) {
    const formError =
      result.reason === 'locked' ? t('login.locked', { minutes: result.retryAfterMinutes }) : t('login.invalid')
    const data: ActionData = { fields: { username }, fieldErrors: {}, formError }
    return data
  }
  const cookie = await createSession({ request, userId: result.userId })
  return redirect(safeRedirect(parsed.data.redirectTo), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const { demoAccounts, demoPassword } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const t = useT()
  const submitting = navigation.state === 'submitting'
  const redirectTo = searchParams.get('redirectTo') ?? '/'
  // A refused sign-in is about both fields: mark them and tie the message to them.
  const credentialsRefused = actionData?.formError ? { 'aria-invalid': true as const, 'aria-describedby': 'login-error' } : {}
  const notice = searchParams.get('signedOut') ? t('login.signedOut') : searchParams.get('expired') ? t('login.expired') : null
  return (
    <div className="auth-layout">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {actionData?.formError ? (
          <p className="form-error" role="alert" id="login-error">
            {actionData.formError}
          </p>
        ) : null}
        <Form method="post" noValidate aria-describedby={actionData?.formError ? 'login-error' : undefined}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            id="username"
            name="username"
            label={t('login.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={actionData?.fields.username ?? ''}
            error={actionData?.fieldErrors.username}
            {...credentialsRefused}
          />
          <Field
            id="password"
            name="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            required
            error={actionData?.fieldErrors.password}
            {...credentialsRefused}
          />
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </Form>
      </section>
      {demoAccounts.length && demoPassword ? (
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('login.demoTitle')}</h2>
          <p className="muted">{t('login.demoIntro', { password: demoPassword })}</p>
          <ul className="demo-accounts">
            {demoAccounts.map((username) => (
              <li key={username}>
                <code>{username}</code>
                <Form method="post">
                  <input type="hidden" name="username" value={username} />
                  <input type="hidden" name="password" value={demoPassword} />
                  <input type="hidden" name="redirectTo" value={redirectTo} />
                  <button type="submit" className="button button-quiet">
                    {t('login.demoUse', { username })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
