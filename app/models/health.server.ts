import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'

/** True when the database answers a query. */
export function pingDatabase(): boolean {
  try {
    return getDb().get<{ ok: number }>(sql`SELECT 1 AS ok`)?.ok === 1
  } catch {
    return false
  }
}
