import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireRole, requireUser } from '~/auth/guards.server'
import { PrintButton } from '~/components/ui/print-button'
import { fillTemplate } from '~/components/ui/rich-text'
import { TextareaField } from '~/components/ui/field'
import { translator, type MessageKey } from '~/i18n'
import { formatDate, formatFullName, formatOfficialDate, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { formatCertificateCode, normaliseCertificateCode } from '~/models/certificate-code'
import { getCertificate, revokeCertificate, REVOKE_REASON_MAX, REVOKE_REASON_MIN } from '~/models/certificates.server'
import { ORGANISATION } from '~/models/organisation-name'
import { renderQrSvg, verificationUrl } from '~/models/verification-qr.server'
import certificateStyles from '~/styles/certificate.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: certificateStyles }]

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'certificate.title')

const CodeParam = z.string().max(64).transform(normaliseCertificateCode).pipe(z.string())

function notFound(): Response {
  return new Response('Not found', { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const code = CodeParam.safeParse(params.code)
  const certificate = code.success ? getCertificate({ code: code.data }) : null
  // Someone else's certificate answers exactly like an unknown code: a 404 reveals nothing about it.
  if (!certificate || (certificate.personId !== user.personId && !hasRole(user, ['hr', 'admin']))) throw notFound()
  const formatted = formatCertificateCode(certificate.code)
  const url = new URL(request.url)
  if (params.code !== formatted) throw redirect(`/certificates/${formatted}${url.search}`)
  const verifyUrl = verificationUrl({ request, code: certificate.code })
  return {
    certificate: {
      code: formatted,
      name: formatFullName(certificate),
      sex: certificate.sex,
      unitName: certificate.unitName,
      courseTitle: certificate.courseTitle,
      durationTiet: certificate.durationTiet,
      officialDate: formatOfficialDate(certificate.completedOn),
      score: certificate.score,
      revokedOn: certificate.revokedAt === null ? null : isoDateInVietnam(certificate.revokedAt),
      revokedReason: certificate.revokedReason,
    },
    verifyUrl,
    qrSvg: await renderQrSvg({ url: verifyUrl }),
    canRevoke: hasRole(user, 'admin'),
    reasonLimits: { min: REVOKE_REASON_MIN, max: REVOKE_REASON_MAX },
    justRevoked: url.searchParams.get('revoked') === '1',
  }
}

const RevokeForm = z.object({ reason: z.string().max(10_000).default('') })

const REVOKE_ERRORS = {
  reason_too_short: 'certificate.revoke.reasonTooShort',
  reason_too_long: 'certificate.revoke.reasonTooLong',
  already_revoked: 'certificate.revoke.alreadyRevoked',
} as const satisfies Record<string, MessageKey>

type ActionData = { reason: string; reasonError: MessageKey | null; formError: MessageKey | null }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'admin')
  const code = CodeParam.safeParse(params.code)
  if (!code.success) throw notFound()
  const form = RevokeForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) {
    return data<ActionData>({ reason: '', reasonError: 'certificate.revoke.reasonTooLong', formError: null }, { status: 400 })
  }
  const result = revokeCertificate({ code: code.data, reason: form.data.reason, actorUserId: user.id })
  if (result.ok) return redirect(`/certificates/${formatCertificateCode(code.data)}?revoked=1`)
  if (result.error === 'not_found') throw notFound()
  const message = REVOKE_ERRORS[result.error]
  return data<ActionData>(
    {
      reason: form.data.reason,
      reasonError: result.error === 'already_revoked' ? null : message,
      formError: result.error === 'already_revoked' ? message : null,
    },
    { status: result.error === 'already_revoked' ? 409 : 400 },
  )
}

export default function CertificatePage() {
  const { certificate, verifyUrl, qrSvg, canRevoke, reasonLimits, justRevoked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const locale = useLocale()
  // The certificate itself is an administrative document, issued in Vietnamese whatever the UI language.
  const doc = translator('vi')
  const revoked = certificate.revokedOn !== null
  const honorific = doc(certificate.sex === 'nam' ? 'certificate.doc.mr' : certificate.sex === 'nu' ? 'certificate.doc.ms' : 'certificate.doc.mrOrMs')
  const bodyKey: MessageKey = certificate.unitName
    ? certificate.score === null
      ? 'certificate.doc.bodyNoScore'
      : 'certificate.doc.body'
    : certificate.score === null
      ? 'certificate.doc.bodyNoUnitNoScore'
      : 'certificate.doc.bodyNoUnit'
  const submitting = navigation.state === 'submitting'
  return (
    <div className="certificate-page">
      <div className="certificate-toolbar no-print">
        <PrintButton label={t('certificate.print')} />
        <Link to={`/verify/${certificate.code}`} className="button button-quiet">
          {t('certificate.verifyPage')}
        </Link>
        <p className="muted certificate-toolbar-hint">{t('certificate.printHint')}</p>
      </div>
      {justRevoked && revoked ? (
        <p className="notice no-print" role="status">
          {t('certificate.justRevoked')}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="form-error no-print" role="alert">
          {t(actionData.formError)}
        </p>
      ) : null}
      {locale !== 'vi' ? <p className="muted no-print">{t('certificate.inVietnamese')}</p> : null}

      <article className={`certificate-sheet${revoked ? ' is-revoked' : ''}`} lang="vi" aria-labelledby="certificate-title">
        {revoked ? (
          <div className="certificate-revoked" role="note">
            <p className="certificate-revoked-stamp">{doc('certificate.doc.revoked')}</p>
            <p>{doc('certificate.doc.revokedOn', { date: formatDate(certificate.revokedOn) })}</p>
            {certificate.revokedReason ? <p>{doc('certificate.doc.revokedReason', { reason: certificate.revokedReason })}</p> : null}
          </div>
        ) : null}
        <header className="certificate-head">
          <div className="certificate-agency">
            <p className="certificate-superior">{ORGANISATION.superior}</p>
            <p className="certificate-agency-name">{ORGANISATION.name}</p>
            <span className="certificate-rule" aria-hidden="true" />
          </div>
          <div className="certificate-nation">
            <p className="certificate-country">{doc('certificate.doc.country')}</p>
            <p className="certificate-motto">{doc('certificate.doc.motto')}</p>
            <span className="certificate-rule certificate-rule-long" aria-hidden="true" />
            <p className="certificate-place-date">
              {doc('certificate.doc.placeDate', { place: ORGANISATION.place, date: certificate.officialDate })}
            </p>
          </div>
        </header>

        <div className="certificate-main">
          <h1 id="certificate-title" className="certificate-title">
            {doc('certificate.doc.title')}
          </h1>
          <p className="certificate-subtitle">{doc('certificate.doc.subtitle')}</p>
          <p className="certificate-body">
            {fillTemplate(doc(bodyKey), {
              honorific,
              name: <strong className="certificate-name">{certificate.name}</strong>,
              unit: certificate.unitName,
              course: <strong>{certificate.courseTitle}</strong>,
              tiet: certificate.durationTiet,
              score: <strong>{formatPercent(certificate.score)}</strong>,
            })}
          </p>
          <div className="certificate-sign">
            <p className="certificate-signer">{ORGANISATION.signerTitle}</p>
          </div>
        </div>

        <footer className="certificate-foot">
          <div
            className="certificate-qr"
            role="img"
            aria-label={doc('certificate.doc.qrLabel')}
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <div className="certificate-verify">
            <p className="certificate-code">{doc('certificate.doc.code', { code: certificate.code })}</p>
            <p>{doc('certificate.doc.verifyAt')}</p>
            <p className="certificate-verify-url">{verifyUrl}</p>
          </div>
        </footer>
      </article>

      {canRevoke && !revoked ? (
        <section className="card certificate-revoke no-print" aria-labelledby="revoke-title">
          <h2 id="revoke-title">{t('certificate.revoke.title')}</h2>
          <p className="muted">{t('certificate.revoke.intro')}</p>
          <Form method="post" noValidate>
            <TextareaField
              id="reason"
              name="reason"
              label={t('certificate.revoke.reason')}
              hint={t('certificate.revoke.reasonHint', reasonLimits)}
              rows={3}
              maxLength={reasonLimits.max}
              required
              defaultValue={actionData?.reason ?? ''}
              error={actionData?.reasonError ? t(actionData.reasonError, reasonLimits) : null}
            />
            <button type="submit" className="button button-danger" disabled={submitting}>
              {submitting ? t('certificate.revoke.submitting') : t('certificate.revoke.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
