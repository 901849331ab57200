/** Where the database file is: DATABASE_PATH, or ./data/hocso.db. Without importing the driver. */
export const DEFAULT_DATABASE_PATH = './data/hocso.db'

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH
}
