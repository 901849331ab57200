import { data, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PageHeader } from '~/components/ui/page-header'
import { VerifyCodeForm } from '~/components/ui/verify-code-form'
import type { MessageKey } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { formatCertificateCode, normaliseCertificateCode } from '~/models/certificate-code'
import certificateStyles from '~/styles/certificate.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'verify.title')

const Query = z.object({ code: z.string().max(200).optional() })

/** Public: the "type a code" form. A well-formed code goes on to /verify/XXXX-XXXX-XXXX, which looks it up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  const typed = query.success ? (query.data.code ?? null) : ''
  if (typed === null) return { typed: '', error: null }
  const code = normaliseCertificateCode(typed)
  if (code) throw redirect(`/verify/${formatCertificateCode(code)}`)
  const error: MessageKey = typed.trim() ? 'verify.badCode' : 'verify.codeRequired'
  return data({ typed: typed.slice(0, 40), error }, { status: 400 })
}

export default function VerifyForm() {
  const { typed, error } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="verify-page">
      <PageHeader title={t('verify.title')} intro={t('verify.intro')} />
      <VerifyCodeForm defaultValue={typed} error={error ? t(error) : null} />
    </div>
  )
}
