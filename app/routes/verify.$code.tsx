import { data, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PageHeader } from '~/components/ui/page-header'
import { VerifyCodeForm } from '~/components/ui/verify-code-form'
import { formatDate, formatFullName, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { formatCertificateCode, normaliseCertificateCode } from '~/models/certificate-code'
import { getCertificate } from '~/models/certificates.server'
import { ORGANISATION } from '~/models/organisation-name'
import certificateStyles from '~/styles/certificate.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data && 'certificate' in data ? 'verify.title' : 'verify.notFound.title')

const CodeParam = z.string().max(64).transform(normaliseCertificateCode).pipe(z.string())

/**
 * Public: no session. Shows only what is needed to match a paper certificate — name, course, date, status —
 * never the số định danh, birth date, unit or score. Codes carry 60 random bits, so they cannot be enumerated.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const typed = (params.code ?? '').slice(0, 40)
  const code = CodeParam.safeParse(params.code)
  if (code.success && params.code !== formatCertificateCode(code.data)) {
    throw redirect(`/verify/${formatCertificateCode(code.data)}`)
  }
  const certificate = code.success ? getCertificate({ code: code.data }) : null
  if (!certificate) return data({ typed }, { status: 404 })
  return {
    certificate: {
      code: formatCertificateCode(certificate.code),
      name: formatFullName(certificate),
      courseTitle: certificate.courseTitle,
      completedOn: certificate.completedOn,
      // The date of a revocation, not its reason: the reason may describe the holder's conduct (personal data
      // under Luật 91/2025/QH15) and anyone with the code may open this page. The holder, HR and admins read
      // the reason on the certificate page itself.
      revokedOn: certificate.revokedAt === null ? null : isoDateInVietnam(certificate.revokedAt),
    },
  }
}

export default function VerifyCertificate() {
  const loaderData = useLoaderData<typeof loader>()
  const t = useT()
  if (!('certificate' in loaderData)) {
    return (
      <div className="verify-page">
        <PageHeader title={t('verify.title')} intro={t('verify.intro')} />
        <section className="card verify-result verify-missing" aria-labelledby="verify-missing-title">
          <h2 id="verify-missing-title">{t('verify.notFound.title')}</h2>
          <p>{t('verify.notFound.body', { code: loaderData.typed })}</p>
        </section>
        <h2>{t('verify.checkAnother')}</h2>
        <VerifyCodeForm defaultValue={loaderData.typed} />
      </div>
    )
  }
  const { certificate } = loaderData
  const revoked = certificate.revokedOn !== null
  return (
    <div className="verify-page">
      <PageHeader title={t('verify.title')} intro={t('verify.intro')} />
      <section className={`card verify-result ${revoked ? 'verify-revoked' : 'verify-valid'}`} aria-labelledby="verify-found-title">
        <h2 id="verify-found-title">{t('verify.found', { code: certificate.code })}</h2>
        <p className={`verify-status ${revoked ? 'status-overdue' : 'status-done'}`}>
          <span className="visually-hidden">{t('verify.status')}: </span>
          {revoked ? t('verify.revokedOn', { date: formatDate(certificate.revokedOn) }) : t('verify.valid')}
        </p>
        <dl className="details-list">
          <dt>{t('verify.name')}</dt>
          <dd>{certificate.name}</dd>
          <dt>{t('verify.course')}</dt>
          <dd>{certificate.courseTitle}</dd>
          <dt>{t('verify.completedOn')}</dt>
          <dd>{formatDate(certificate.completedOn)}</dd>
          <dt>{t('verify.issuer')}</dt>
          <dd>{ORGANISATION.name}</dd>
        </dl>
        <p className="muted verify-privacy">{t('verify.privacy')}</p>
      </section>
      <h2>{t('verify.checkAnother')}</h2>
      <VerifyCodeForm />
    </div>
  )
}
