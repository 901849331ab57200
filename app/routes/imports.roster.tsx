import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireRole } from '~/auth/guards.server'
import { ImportFlow } from '~/components/import-flow'
import { PageHeader } from '~/components/ui/page-header'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { handleImportPage } from '~/models/import-api.server'
import type { ImportPageData } from '~/models/import-page'
import { importRoster, ROSTER_HEADERS, type RosterChange } from '~/models/roster-import.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'imports.rosterTitle')

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  return { headers: ROSTER_HEADERS }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const result = await handleImportPage({
    request,
    user,
    kind: 'roster',
    run: importRoster,
    toRow: (c: RosterChange) => ({ row: c.row, nationalId: c.nationalId, name: c.name, action: c.action, details: c.details }),
  })
  return data<ImportPageData>(result.data, { status: result.status })
}

export default function RosterImport() {
  const t = useT()
  const actionData = useActionData<typeof action>()
  const { headers } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('imports.rosterTitle')} intro={t('imports.rosterIntro')} />
      <ImportFlow data={actionData} headers={headers} showMoves />
    </>
  )
}
