import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { blankSessionCookie, endSession, readSession } from '~/auth/session.server'

/** POST /logout ends this session; a GET does nothing (a link or an image must never sign anyone out). */
export async function action({ request }: ActionFunctionArgs) {
  const read = await readSession(request)
  if (read.state === 'valid') await endSession({ sessionId: read.user.sessionId })
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie(request) } })
}

export function loader() {
  return redirect('/')
}
