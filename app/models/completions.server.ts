/** Completions that count for a year: courses completed in HọcSố, and external records naming a course. */
import crypto from 'node:crypto'
import { and, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm'
import type { CourseSource } from '~/content/catalog.server'
import { getDb, type Db } from '~/db/client.server'
import { completions, quizAttempts } from '~/db/schema'
import { isoDateInVietnam } from '~/i18n/format'
import { newCertificateCode } from './certificate-code'

/** For each course, the first date within `year` on which this person completed it (internal or external). */
export function listCompletionDatesInYear({ personId, year }: { personId: string; year: number }): Map<string, string> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const rows = getDb().all<{ courseId: string; completedOn: string }>(sql`
    SELECT course_id AS courseId, min(completed_on) AS completedOn FROM (
      SELECT course_id, completed_on FROM completions
        WHERE person_id = ${personId} AND revoked_at IS NULL AND completed_on BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT course_id, completed_on FROM external_records
        WHERE person_id = ${personId} AND course_id IS NOT NULL AND completed_on BETWEEN ${from} AND ${to}
    ) GROUP BY course_id`)
  return new Map(rows.map((r) => [r.courseId, r.completedOn]))
}

export type CompletionRow = typeof completions.$inferSelect

/** The unit a person worked in on `date` (their first assignment that day), with its name as it was then. */
function unitOnDate(db: Db, personId: string, date: string): { unitId: string; unitName: string } | null {
  return (
    db.get<{ unitId: string; unitName: string }>(sql`
      SELECT a.unit_id AS unitId, v.name AS unitName
      FROM assignments a JOIN unit_versions v ON v.unit_id = a.unit_id AND v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to >= ${date})
      WHERE a.person_id = ${personId} AND a.valid_from <= ${date} AND (a.valid_to IS NULL OR a.valid_to >= ${date})
      ORDER BY a.valid_from, a.id LIMIT 1`) ?? null
  )
}

/**
 * Records the completion of `course` when it is complete: every lesson done and, if the course has a quiz, an
 * attempt passed (this year, for a yearly course). A yearly course is completed once a year (a new year's
 * completion keeps last year's); any other course once. Returns the completion, new or existing, or null.
 * Call it inside the transaction that made the course complete.
 */
export function completeCourseIfDone({ personId, course, at = Date.now() }: { personId: string; course: CourseSource; at?: number }, db: Db = getDb()): CompletionRow | null {
  const courseId = course.frontmatter.id
  const today = isoDateInVietnam(at)
  const year = today.slice(0, 4)
  const existing = db
    .select()
    .from(completions)
    .where(
      and(
        eq(completions.personId, personId),
        eq(completions.courseId, courseId),
        isNull(completions.revokedAt),
        ...(course.frontmatter.yearly ? [gte(completions.completedOn, `${year}-01-01`), lte(completions.completedOn, `${year}-12-31`)] : []),
      ),
    )
    .get()
  if (existing) return existing

  const lessonsLeft = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM lessons l
    WHERE l.course_id = ${courseId} AND l.active = 1
      AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.lesson_id = l.id AND p.person_id = ${personId} AND p.completed_at IS NOT NULL)`)
  if ((lessonsLeft?.n ?? 1) > 0) return null

  let score: number | null = null
  let attemptId: string | null = null
  if (course.quiz) {
    const from = course.frontmatter.yearly ? Date.UTC(Number(year) - 1, 11, 31, 17) : 0
    const attempts = db
      .select({ id: quizAttempts.id, score: quizAttempts.score, passed: quizAttempts.passed, submittedAt: quizAttempts.submittedAt })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.personId, personId), eq(quizAttempts.courseId, courseId), gte(quizAttempts.startedAt, from)))
      .all()
      .filter((a) => a.submittedAt !== null)
    if (!attempts.some((a) => a.passed)) return null
    const counting =
      course.quiz.settings.grading === 'latest'
        ? attempts.reduce((a, b) => (b.submittedAt! > a.submittedAt! ? b : a))
        : attempts.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a))
    score = counting.score
    attemptId = counting.id
  }

  const unit = unitOnDate(db, personId, today)
  const row = {
    id: crypto.randomBytes(12).toString('base64url'),
    personId,
    courseId,
    courseVersion: course.version,
    completedOn: today,
    completedAt: at,
    score,
    attemptId,
    unitId: unit?.unitId ?? null,
    unitName: unit?.unitName ?? null,
    certificateCode: newCertificateCode(),
  }
  db.insert(completions).values(row).run()
  return { ...row, revokedAt: null, revokedReason: null, revokedBy: null }
}

/** A person's completions, newest first. */
export function listCompletionsForPerson({ personId }: { personId: string }): CompletionRow[] {
  return getDb().select().from(completions).where(eq(completions.personId, personId)).orderBy(desc(completions.completedOn)).all()
}
