/**
 * Lucia v3 behind our own module: nothing outside app/auth imports lucia, so it can be replaced (upstream no
 * longer develops v3; see docs/decisions/003-sessions.md).
 */
import { DrizzleSQLiteAdapter } from '@lucia-auth/adapter-drizzle'
import { Lucia, TimeSpan } from 'lucia'
import { getDb } from '~/db/client.server'
import { sessions, users } from '~/db/schema'

/** Sessions last a fixed 12 hours from sign-in (a working day), whatever the activity. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000
export const SESSION_COOKIE_NAME = 'hocso_session'

function createLucia() {
  return new Lucia(new DrizzleSQLiteAdapter(getDb(), sessions, users), {
    sessionExpiresIn: new TimeSpan(SESSION_LIFETIME_MS / 1000, 's'),
    sessionCookie: { name: SESSION_COOKIE_NAME, expires: true, attributes: { sameSite: 'lax', secure: false } },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({
      username: attributes.username,
      displayName: attributes.displayName,
      personId: attributes.personId,
      locale: attributes.locale,
      disabledAt: attributes.disabledAt,
    }),
  })
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>
    DatabaseSessionAttributes: { createdAt: number }
    DatabaseUserAttributes: {
      username: string
      displayName: string
      personId: string | null
      locale: 'vi' | 'en'
      disabledAt: number | null
    }
  }
}

let instance: ReturnType<typeof createLucia> | undefined

export function lucia(): ReturnType<typeof createLucia> {
  instance ??= createLucia()
  return instance
}
