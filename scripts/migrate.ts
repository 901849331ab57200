/** npm run db:migrate — applies the committed migrations to DATABASE_PATH (default ./data/hocso.db). */
import { migrateDatabase, openDatabase } from '../app/db/client.server'

const connection = openDatabase()
migrateDatabase(connection)
connection.sqlite.close()
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu: ${connection.path}`)
