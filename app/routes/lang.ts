import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '~/auth/safe-redirect'
import { isLocale } from '~/i18n'
import { localeCookie } from '~/i18n/locale.server'

/** The language toggle: a plain form post, so it works before JavaScript loads. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const locale = form.get('locale')
  const to = safeRedirect(form.get('redirectTo'))
  if (!isLocale(locale)) return redirect(to)
  return redirect(to, { headers: { 'Set-Cookie': localeCookie(locale) } })
}

export function loader() {
  return redirect('/')
}
