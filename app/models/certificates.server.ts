/**
 * Certificates (giấy chứng nhận): a view of a completion by its verification code, and its revocation.
 * Codes are made by the completion code (certificate-code.ts); here they are only looked up.
 */
import { sql } from 'drizzle-orm'
import { getDb, writeTransaction, type Db } from '~/db/client.server'
import type { Sex } from '~/db/schema'
import { cleanText } from '~/i18n/format'
import { recordAudit } from './audit.server'
import { normaliseCertificateCode } from './certificate-code'

export type Certificate = {
  completionId: string
  code: string
  personId: string
  ho: string
  chuDem: string
  ten: string
  sex: Sex | null
  courseId: string
  courseTitle: string
  durationTiet: number
  completedOn: string
  /** Percent 0–100; null for a course without a quiz. */
  score: number | null
  /** The unit the person belonged to on the completion day, with its name as it was then. */
  unitName: string | null
  revokedAt: number | null
  revokedReason: string | null
}

// The unit's name is stored with the completion; for a row written without it, the name the unit had that day.
const CERTIFICATE_COLUMNS = sql`
  c.id AS completionId, c.certificate_code AS code, c.person_id AS personId,
  p.ho AS ho, p.chu_dem AS chuDem, p.ten AS ten, p.sex AS sex,
  c.course_id AS courseId, co.title AS courseTitle, co.duration_tiet AS durationTiet,
  c.completed_on AS completedOn, c.score AS score,
  coalesce(c.unit_name, (
    SELECT v.name FROM unit_versions v
    WHERE v.unit_id = c.unit_id AND v.valid_from <= c.completed_on AND (v.valid_to IS NULL OR v.valid_to >= c.completed_on)
    ORDER BY v.valid_from DESC LIMIT 1)) AS unitName,
  c.revoked_at AS revokedAt, c.revoked_reason AS revokedReason`

function selectCertificate(db: Db, code: string): Certificate | null {
  return (
    db.get<Certificate>(sql`
      SELECT ${CERTIFICATE_COLUMNS}
      FROM completions c JOIN people p ON p.id = c.person_id JOIN courses co ON co.id = c.course_id
      WHERE c.certificate_code = ${code}`) ?? null
  )
}

/** The certificate with this code (any accepted spelling, see normaliseCertificateCode), or null. */
export function getCertificate({ code }: { code: string }): Certificate | null {
  const canonical = normaliseCertificateCode(code)
  return canonical ? selectCertificate(getDb(), canonical) : null
}

export const REVOKE_REASON_MIN = 5
export const REVOKE_REASON_MAX = 500

export type RevokeResult =
  | { ok: true; certificate: Certificate }
  | { ok: false; error: 'not_found' | 'already_revoked' | 'reason_too_short' | 'reason_too_long' }

/**
 * Thu hồi: marks the certificate revoked with its reason and writes the audit entry, in one transaction.
 * A short or over-long reason, an unknown code and an already revoked certificate are answered, not thrown, and
 * change nothing. The revoked completion no longer counts in reports (they read `revoked_at IS NULL`).
 */
export function revokeCertificate({
  code,
  reason,
  actorUserId,
  at = Date.now(),
}: {
  code: string
  reason: string
  actorUserId: string
  at?: number
}): RevokeResult {
  const cleaned = cleanText(reason)
  if (cleaned.length < REVOKE_REASON_MIN) return { ok: false, error: 'reason_too_short' }
  if (cleaned.length > REVOKE_REASON_MAX) return { ok: false, error: 'reason_too_long' }
  const canonical = normaliseCertificateCode(code)
  if (!canonical) return { ok: false, error: 'not_found' }
  // BEGIN IMMEDIATE: of two admins revoking at once, the second sees the first's revocation.
  return writeTransaction((tx): RevokeResult => {
    const current = selectCertificate(tx, canonical)
    if (!current) return { ok: false, error: 'not_found' }
    if (current.revokedAt !== null) return { ok: false, error: 'already_revoked' }
    tx.run(sql`
      UPDATE completions SET revoked_at = ${at}, revoked_reason = ${cleaned}, revoked_by = ${actorUserId}
      WHERE id = ${current.completionId} AND revoked_at IS NULL`)
    recordAudit(
      {
        at,
        actorUserId,
        action: 'certificate.revoke',
        entityType: 'completion',
        entityId: current.completionId,
        details: { code: canonical, reason: cleaned },
      },
      tx,
    )
    return { ok: true, certificate: { ...current, revokedAt: at, revokedReason: cleaned } }
  })
}

export type CertificateListItem = Pick<
  Certificate,
  'code' | 'courseId' | 'courseTitle' | 'durationTiet' | 'completedOn' | 'score' | 'revokedAt'
>

/** A person's certificates, newest first (revoked ones included, marked by `revokedAt`). */
export function listCertificatesForPerson({ personId }: { personId: string }): CertificateListItem[] {
  return getDb().all<CertificateListItem>(sql`
    SELECT c.certificate_code AS code, c.course_id AS courseId, co.title AS courseTitle, co.duration_tiet AS durationTiet,
           c.completed_on AS completedOn, c.score AS score, c.revoked_at AS revokedAt
    FROM completions c JOIN courses co ON co.id = c.course_id
    WHERE c.person_id = ${personId}
    ORDER BY c.completed_on DESC, c.completed_at DESC`)
}
