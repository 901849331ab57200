/**
 * The content this process serves: the catalogue read once at start (production) or again whenever a file
 * under content/ changes (development, so an edit shows on reload), kept in step with the database.
 */
import fs from 'node:fs'
import path from 'node:path'
import { syncCourses } from '~/models/courses.server'
import { contentDir, loadCatalog, type CourseSource } from './catalog.server'
import { renderStats, warmLessons } from './lessons.server'

let catalog: CourseSource[] | null = null
let signature = ''

function treeSignature(dir: string): string {
  if (!fs.existsSync(dir)) return ''
  const parts: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else parts.push(`${full}:${fs.statSync(full).mtimeMs}`)
    }
  }
  walk(dir)
  return parts.sort().join('|')
}

/** The courses on disk, validated. */
export function getCatalog(): CourseSource[] {
  if (catalog && process.env.NODE_ENV !== 'development') return catalog
  const current = treeSignature(contentDir())
  if (!catalog || current !== signature) {
    catalog = loadCatalog()
    signature = current
    if (process.env.NODE_ENV === 'development') syncCourses({ catalog })
  }
  return catalog
}

export function findCourseSource(courseId: string): CourseSource | null {
  return getCatalog().find((course) => course.frontmatter.id === courseId) ?? null
}

/** Start-up: read and check the content, sync it into the database, render every lesson (or load it from disk). */
export async function prepareContent(): Promise<{ courses: number; lessons: number; compiled: number; fromDisk: number }> {
  const courses = getCatalog()
  syncCourses({ catalog: courses })
  const before = { ...renderStats }
  const after = await warmLessons(courses)
  return {
    courses: courses.length,
    lessons: courses.reduce((sum, c) => sum + c.lessons.length, 0),
    compiled: after.compiled - before.compiled,
    fromDisk: after.fromDisk - before.fromDisk,
  }
}
