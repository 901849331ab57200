/**
 * A real SQLite file per test file, migrated by the real migrations, installed as the process connection
 * (DATABASE_PATH) so models and auth use it exactly as the server does.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { closeConnection, getConnection, migrateDatabase, type Connection } from '~/db/client.server'

export function createTestDatabase(): Connection & { cleanup: () => void } {
  closeConnection()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-db-'))
  process.env.DATABASE_PATH = path.join(dir, 'test.db')
  const connection = getConnection()
  migrateDatabase(connection)
  return {
    ...connection,
    cleanup: () => {
      closeConnection()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
