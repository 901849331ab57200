/** GET /reports/coverage.csv?… — the same rows as the page and the API, as CSV (UTF-8 with BOM). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import { csvHeaders, toCsv } from '~/models/csv-export'

const HEADER = ['Mã đơn vị', 'Đơn vị', 'Cấp', 'Số người', 'Phải bồi dưỡng', 'Hoàn thành đủ', 'Tỷ lệ hoàn thành (%)', 'Đã học ≥ 1 khóa', 'Tỷ lệ tham gia (%)', 'Lượt người', 'Số tiết', 'Chỉ tiêu (%)']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const parsed = parseCoverageQuery(new URL(request.url).searchParams)
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  const report = coverageForUser({ user, query: parsed.data })
  const body = toCsv({
    header: HEADER,
    rows: report.rows.map((r) => [r.unitCode, r.unitName, r.depth, r.headcount, r.required, r.trainedAll, r.coveragePct ?? '', r.trainedAny, r.reachPct ?? '', r.personTimes, r.learningHours, r.targetPct ?? '']),
  })
  return new Response(body, { headers: csvHeaders({ fileName: `bao-cao-boi-duong-${report.year}-${report.mode}-${report.asOf}.csv` }) })
}
