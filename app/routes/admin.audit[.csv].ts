import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { translator, type Translate } from '~/i18n'
import { formatDateTime, isoDateInVietnam } from '~/i18n/format'
import { resolveLocale } from '~/i18n/locale.server'
import { parseAuditQuery } from '~/models/audit-filter'
import { iterateAuditEntries, type AuditRow } from '~/models/audit.server'
import { csvHeaders, toCsv, type CsvCell } from '~/models/csv-export'

/** GET /admin/audit.csv?…: the entries the audit page's filter selects, all of them, newest first. Same readers as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const query = parseAuditQuery(new URL(request.url).searchParams)
  const t = translator(resolveLocale(request, user.locale))
  const problems = Object.entries(query.errors).map(([field, key]) => `${field}: ${t(key)}`)
  if (problems.length) {
    return new Response(problems.join('\n'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const rows = function* (): Generator<CsvCell[]> {
    for (const row of iterateAuditEntries({ filter: query.filter })) yield toCells(row, t)
  }
  const csv = toCsv({
    header: [t('audit.colAt'), t('audit.colActor'), t('audit.csvAccount'), t('audit.colAction'), t('audit.csvEntityType'), t('audit.csvEntityId'), t('audit.colDetails')],
    rows: rows(),
  })
  return new Response(csv, { headers: csvHeaders({ fileName: `nhat-ky-${isoDateInVietnam()}.csv` }) })
}

function toCells(row: AuditRow, t: Translate): CsvCell[] {
  const actor = row.actorTokenId
    ? t('audit.tokenActor', { name: row.tokenName ?? row.actorTokenId })
    : (row.actorName ?? row.actorUserId ?? t('audit.system'))
  const account = row.actorTokenId ? row.tokenPrefix : row.actorUsername
  const details = row.details === null || row.details === undefined ? '' : JSON.stringify(row.details)
  return [formatDateTime(row.at), actor, account, row.action, row.entityType, row.entityId, details]
}
