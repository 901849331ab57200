/** Courses and lessons as the database knows them (synced from content/), and learners' progress through them. */
import { and, asc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm'
import type { CourseSource } from '~/content/catalog.server'
import { getDb, preparedQuery, writeTransaction, type Db } from '~/db/client.server'
import { courses, lessonProgress, lessons } from '~/db/schema'
import { completeCourseIfDone } from './completions.server'

/** Writes the catalogue into courses/lessons: new ones added, changed ones updated, vanished ones archived. */
export function syncCourses({ catalog, at = Date.now() }: { catalog: readonly CourseSource[]; at?: number }, db: Db = getDb()): void {
  writeTransaction((tx) => {
    const ids = catalog.map((c) => c.frontmatter.id)
    for (const course of catalog) {
      const f = course.frontmatter
      const values = {
        folder: course.folder,
        title: f.title,
        summary: f.summary,
        category: f.category,
        durationTiet: f.durationTiet,
        skillStrand: f.skillStrand,
        reportRow: f.reportRow,
        yearly: f.yearly,
        audience: f.audience,
        objectives: f.objectives,
        status: f.status,
        version: course.version,
        position: course.position,
        hasQuiz: course.quiz !== null,
        syncedAt: at,
      }
      tx.insert(courses).values({ id: f.id, ...values }).onConflictDoUpdate({ target: courses.id, set: values }).run()
      const slugs = course.lessons.map((l) => l.slug)
      for (const lesson of course.lessons) {
        const lessonValues = {
          title: lesson.frontmatter.title,
          position: lesson.position,
          minutes: lesson.frontmatter.minutes,
          version: lesson.hash,
          active: true,
        }
        tx.insert(lessons)
          .values({ id: `${f.id}/${lesson.slug}`, courseId: f.id, slug: lesson.slug, ...lessonValues })
          .onConflictDoUpdate({ target: lessons.id, set: lessonValues })
          .run()
      }
      tx.update(lessons)
        .set({ active: false })
        .where(and(eq(lessons.courseId, f.id), notInArray(lessons.slug, slugs)))
        .run()
    }
    if (ids.length) tx.update(courses).set({ status: 'archived' }).where(notInArray(courses.id, ids)).run()
    else tx.update(courses).set({ status: 'archived' }).run()
  }, db)
}

export type CourseRow = typeof courses.$inferSelect

/** Courses a learner may open: published ones; HR and admins also see drafts. */
const coursesWithStatus = (statuses: ('published' | 'draft')[]) =>
  preparedQuery((db) => db.select().from(courses).where(inArray(courses.status, statuses)).orderBy(asc(courses.position)).prepare())
const publishedCourses = coursesWithStatus(['published'])
const publishedAndDraftCourses = coursesWithStatus(['published', 'draft'])

export function listCourses({ includeDrafts = false }: { includeDrafts?: boolean } = {}): CourseRow[] {
  return (includeDrafts ? publishedAndDraftCourses : publishedCourses)().all()
}

const courseById = preparedQuery((db) => db.select().from(courses).where(eq(courses.id, sql.placeholder('courseId'))).prepare())

export function getCourse({ courseId, includeDrafts = false }: { courseId: string; includeDrafts?: boolean }): CourseRow | null {
  const course = courseById().get({ courseId })
  if (!course) return null
  if (course.status === 'published' || (includeDrafts && course.status === 'draft')) return course
  return null
}

export type LessonRow = { id: string; slug: string; title: string; position: number; minutes: number }

const activeLessons = preparedQuery((db) =>
  db
    .select({ id: lessons.id, slug: lessons.slug, title: lessons.title, position: lessons.position, minutes: lessons.minutes })
    .from(lessons)
    .where(and(eq(lessons.courseId, sql.placeholder('courseId')), eq(lessons.active, true)))
    .orderBy(asc(lessons.position))
    .prepare(),
)

export function listLessons({ courseId }: { courseId: string }): LessonRow[] {
  return activeLessons().all({ courseId })
}

const doneLessonIds = preparedQuery((db) =>
  db
    .select({ lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .innerJoin(lessons, eq(lessons.id, lessonProgress.lessonId))
    .where(
      and(
        eq(lessonProgress.personId, sql.placeholder('personId')),
        eq(lessonProgress.courseId, sql.placeholder('courseId')),
        isNotNull(lessonProgress.completedAt),
        eq(lessons.active, true),
      ),
    )
    .prepare(),
)

/** The lessons of `courseId` this person has marked done (active lessons only). */
export function listDoneLessonIds({ personId, courseId }: { personId: string; courseId: string }): Set<string> {
  return new Set(doneLessonIds().all({ personId, courseId }).map((r) => r.lessonId))
}

/** Per course: how many active lessons there are and how many this person has done. */
export function summariseProgress({ personId }: { personId: string }): Map<string, { total: number; done: number }> {
  const rows = getDb().all<{ courseId: string; total: number; done: number }>(sql`
    SELECT l.course_id AS courseId, count(*) AS total,
           count(CASE WHEN p.completed_at IS NOT NULL THEN 1 END) AS done
    FROM lessons l
    LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.person_id = ${personId}
    WHERE l.active = 1
    GROUP BY l.course_id`)
  return new Map(rows.map((r) => [r.courseId, { total: r.total, done: r.done }]))
}

/**
 * Marks a lesson done for a person. Idempotent: the first completion time is kept, and there is only ever one
 * row per person and lesson. Returns whether this call was the first.
 */
export function markLessonDone({
  personId,
  lessonId,
  courseId,
  course,
  at = Date.now(),
}: {
  personId: string
  lessonId: string
  courseId: string
  /** When given, the course is completed in the same transaction if this was the last step (a course without a quiz). */
  course?: CourseSource
  at?: number
}): boolean {
  return writeTransaction((tx) => {
    const existing = tx
      .select({ completedAt: lessonProgress.completedAt })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.personId, personId), eq(lessonProgress.lessonId, lessonId)))
      .get()
    if (existing?.completedAt) return false
    tx.insert(lessonProgress)
      .values({ personId, lessonId, courseId, firstViewedAt: at, lastViewedAt: at, completedAt: at })
      .onConflictDoUpdate({ target: [lessonProgress.personId, lessonProgress.lessonId], set: { completedAt: at, lastViewedAt: at } })
      .run()
    if (course) completeCourseIfDone({ personId, course, at }, tx)
    return true
  })
}
