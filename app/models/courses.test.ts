import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCatalog } from '~/content/catalog.server'
import { lessonProgress, lessons } from '~/db/schema'
import { createTestDatabase } from '../../tests/db'
import { listCourses, listDoneLessonIds, markLessonDone, summariseProgress, syncCourses } from './courses.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

const catalog = loadCatalog()
beforeAll(() => {
  syncCourses({ catalog })
  db.sqlite
    .prepare("INSERT INTO people (id, national_id, ho, ten, search_key, staff_type, created_at, updated_at) VALUES ('p1', '084190000001', 'Lê', 'An', 'le an', 'cong_chuc', 0, 0), ('p2', '084190000002', 'Kim', 'Sa', 'kim sa', 'vien_chuc', 0, 0)")
    .run()
})

describe('syncCourses', () => {
  it('writes every course and lesson, and is idempotent', () => {
    const count = () => db.db.select().from(lessons).all().length
    const lessonCount = catalog.reduce((sum, c) => sum + c.lessons.length, 0)
    expect(count()).toBe(lessonCount)
    syncCourses({ catalog })
    expect(count()).toBe(lessonCount)
    expect(listCourses().map((c) => c.version)).toEqual(catalog.map((c) => c.version))
  })

  it('archives a course that left content/ and hides a vanished lesson, keeping progress on it', () => {
    const [first, ...rest] = catalog
    const trimmed = { ...rest[0]!, lessons: rest[0]!.lessons.slice(1) }
    markLessonDone({ personId: 'p2', lessonId: `${rest[0]!.frontmatter.id}/${rest[0]!.lessons[0]!.slug}`, courseId: rest[0]!.frontmatter.id })
    syncCourses({ catalog: [trimmed, ...rest.slice(1)] })
    expect(listCourses().map((c) => c.id)).not.toContain(first!.frontmatter.id)
    expect(listDoneLessonIds({ personId: 'p2', courseId: trimmed.frontmatter.id }).size).toBe(0)
    expect(db.db.select().from(lessonProgress).all().filter((p) => p.personId === 'p2')).toHaveLength(1)
    syncCourses({ catalog })
    expect(listCourses().map((c) => c.id)).toContain(first!.frontmatter.id)
    expect(listDoneLessonIds({ personId: 'p2', courseId: trimmed.frontmatter.id }).size).toBe(1)
  })
})

describe('markLessonDone', () => {
  it('records progress once per lesson and person, keeping the first time', () => {
    const course = catalog[0]!
    const lessonId = `${course.frontmatter.id}/${course.lessons[0]!.slug}`
    expect(markLessonDone({ personId: 'p1', lessonId, courseId: course.frontmatter.id, at: 1000 })).toBe(true)
    expect(markLessonDone({ personId: 'p1', lessonId, courseId: course.frontmatter.id, at: 2000 })).toBe(false)
    const rows = db.db.select().from(lessonProgress).all().filter((p) => p.personId === 'p1')
    expect(rows).toHaveLength(1)
    expect(rows[0]!.completedAt).toBe(1000)
    expect(summariseProgress({ personId: 'p1' }).get(course.frontmatter.id)).toEqual({ total: course.lessons.length, done: 1 })
  })
})
