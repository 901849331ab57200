/** GET /team.csv?status=… — the unit head's list as CSV (UTF-8 with BOM), one row per person and required course. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { formatDate, formatFullName } from '~/i18n/format'
import { csvHeaders, toCsv } from '~/models/csv-export'
import { filterMembers, TeamQuery, teamForUser } from '~/models/team-access.server'

const STATUS = { done: 'Đã hoàn thành', overdue: 'Quá hạn', in_progress: 'Đang học', not_started: 'Chưa bắt đầu' } as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'unit_head')
  const { status } = TeamQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
  const team = teamForUser({ user })
  const titles = new Map(team.courses.map((c) => [c.id, c.title]))
  const rows = filterMembers(team.members, status).flatMap((m) =>
    m.cells.map((c) => [formatFullName(m), m.unitName, titles.get(c.courseId) ?? c.courseId, STATUS[c.status], formatDate(c.dueDate), c.completedOn ? formatDate(c.completedOn) : '', c.score ?? '']),
  )
  return new Response(toCsv({ header: ['Họ và tên', 'Đơn vị', 'Khóa học', 'Tình trạng', 'Hạn hoàn thành', 'Ngày hoàn thành', 'Điểm'], rows }), {
    headers: csvHeaders({ fileName: `san-sang-${team.year}-${status}.csv` }),
  })
}
