/**
 * Reads content/courses: every course folder, its frontmatter, lessons, quiz and data sets, validated with zod,
 * each with a content hash. Pure file reading — nothing here compiles MDX (see lessons.server.ts).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'
import type { z } from 'zod'
import { MAX_ROWS } from '~/components/mdx/explorer-logic'
import type { Dataset } from '~/components/mdx/lesson-context'
import { parseCsv } from './csv'
import { CourseFrontmatter, LessonFrontmatter, QuizFile } from './schema'

/** Lesson slugs that would collide with /courses/:course/quiz and /courses/:course/assets. */
const RESERVED_SLUGS = new Set(['quiz', 'assets'])
const COURSE_FOLDER = /^(\d{2})-([a-z0-9-]+)$/
const LESSON_FILE = /^(\d{2})-([a-z0-9-]+)\.mdx$/
const ASSET_FILE = /^[a-z0-9][a-z0-9._-]*\.(svg|png|jpe?g|webp)$/
const DATA_FILE = /^[a-z0-9][a-z0-9._-]*\.csv$/

export type LessonSource = {
  slug: string
  file: string
  position: number
  frontmatter: LessonFrontmatter
  /** The whole file (frontmatter included, so compile errors point at the right line). */
  source: string
  hash: string
}

export type CourseSource = {
  folder: string
  dir: string
  position: number
  frontmatter: CourseFrontmatter
  /** course.mdx as a whole; its body is the course introduction. */
  introSource: string
  lessons: LessonSource[]
  quiz: QuizFile | null
  datasets: Record<string, Dataset>
  assets: string[]
  /** Hash of every file of the course: the course version recorded with each completion. */
  version: string
}

/** A problem in a content file, named by its path relative to the project. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`)
    this.name = 'ContentError'
  }
}

export function contentDir(): string {
  return path.resolve(process.env.CONTENT_DIR ?? 'content/courses')
}

function sha(...parts: (string | Buffer)[]): string {
  const hash = crypto.createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex').slice(0, 16)
}

function relative(file: string): string {
  return path.relative(process.cwd(), file)
}

function zodReason(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')
}

/** Splits `---\nYAML\n---\nbody`; the YAML must be there. */
function splitFrontmatter(file: string, text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''))
  if (!match) throw new ContentError(relative(file), 'the file must start with a frontmatter block between --- lines')
  try {
    return { data: YAML.parse(match[1]!), body: match[2]! }
  } catch (error) {
    throw new ContentError(relative(file), `frontmatter is not valid YAML: ${(error as Error).message}`)
  }
}

function parse<T>(schema: z.ZodType<T>, file: string, data: unknown): T {
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new ContentError(relative(file), zodReason(parsed.error))
  return parsed.data
}

function readDataset(file: string): Dataset {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'))
  const [header, ...body] = rows
  if (!header || header.length === 0 || header.some((h) => !h.trim())) throw new ContentError(relative(file), 'the first row must name every column')
  if (body.length > MAX_ROWS) throw new ContentError(relative(file), `at most ${MAX_ROWS} rows (found ${body.length})`)
  body.forEach((row, i) => {
    if (row.length !== header.length) throw new ContentError(relative(file), `row ${i + 2} has ${row.length} cells, the header ${header.length}`)
  })
  return {
    columns: header.map((h) => h.trim()),
    rows: body.map((row) => row.map((cell) => (cell === '' ? null : /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell))),
  }
}

export function loadCourse(dir: string): CourseSource {
  const folder = path.basename(dir)
  const folderMatch = COURSE_FOLDER.exec(folder)
  if (!folderMatch) throw new ContentError(relative(dir), 'a course folder is named nn-slug (two digits, a dash, a–z 0–9 -)')
  const entries = fs.readdirSync(dir, { withFileTypes: true })
  const allowed = new Set(['course.mdx', 'quiz.yaml', 'datasets', 'assets'])
  for (const entry of entries) {
    if (!allowed.has(entry.name) && !LESSON_FILE.test(entry.name)) {
      throw new ContentError(relative(path.join(dir, entry.name)), 'unexpected file: lessons are nn-slug.mdx; see docs/content-format.md')
    }
  }

  const courseFile = path.join(dir, 'course.mdx')
  if (!fs.existsSync(courseFile)) throw new ContentError(relative(dir), 'course.mdx is missing')
  const courseText = fs.readFileSync(courseFile, 'utf8')
  const { data } = splitFrontmatter(courseFile, courseText)
  const frontmatter = parse(CourseFrontmatter, courseFile, data)
  const hashed: (string | Buffer)[] = ['course.mdx', courseText]

  const lessons: LessonSource[] = []
  const slugs = new Set<string>()
  for (const name of entries.map((e) => e.name).filter((n) => LESSON_FILE.test(n)).sort()) {
    const [, number, slug] = LESSON_FILE.exec(name)!
    const file = path.join(dir, name)
    const text = fs.readFileSync(file, 'utf8')
    if (slugs.has(slug!)) throw new ContentError(relative(file), `two lessons share the slug "${slug}"`)
    if (RESERVED_SLUGS.has(slug!)) throw new ContentError(relative(file), `"${slug}" is reserved for the course's own pages; rename the lesson`)
    slugs.add(slug!)
    const { data: lessonData } = splitFrontmatter(file, text)
    lessons.push({ slug: slug!, file, position: Number(number), frontmatter: parse(LessonFrontmatter, file, lessonData), source: text, hash: sha(text) })
    hashed.push(name, text)
  }
  if (lessons.length < 1) throw new ContentError(relative(dir), 'a course needs at least one lesson file (nn-slug.mdx)')

  let quiz: QuizFile | null = null
  const quizFile = path.join(dir, 'quiz.yaml')
  if (fs.existsSync(quizFile)) {
    const text = fs.readFileSync(quizFile, 'utf8')
    let raw: unknown
    try {
      raw = YAML.parse(text)
    } catch (error) {
      throw new ContentError(relative(quizFile), `not valid YAML: ${(error as Error).message}`)
    }
    quiz = parse(QuizFile, quizFile, raw)
    hashed.push('quiz.yaml', text)
  }

  const datasets: Record<string, Dataset> = {}
  const dataDir = path.join(dir, 'datasets')
  if (fs.existsSync(dataDir)) {
    for (const name of fs.readdirSync(dataDir).sort()) {
      const file = path.join(dataDir, name)
      if (!DATA_FILE.test(name)) throw new ContentError(relative(file), 'data files are lower-case .csv files')
      datasets[name] = readDataset(file)
      hashed.push(`datasets/${name}`, fs.readFileSync(file))
    }
  }

  const assets: string[] = []
  const assetDir = path.join(dir, 'assets')
  if (fs.existsSync(assetDir)) {
    for (const name of fs.readdirSync(assetDir).sort()) {
      if (!ASSET_FILE.test(name)) throw new ContentError(relative(path.join(assetDir, name)), 'assets are lower-case .svg, .png, .jpg or .webp files')
      assets.push(name)
      hashed.push(`assets/${name}`, fs.readFileSync(path.join(assetDir, name)))
    }
  }

  return { folder, dir, position: Number(folderMatch[1]), frontmatter, introSource: courseText, lessons, quiz, datasets, assets, version: sha(...hashed) }
}

/** Every course under the content folder, in catalogue order; throws one error listing every problem. */
export function loadCatalog(dir = contentDir()): CourseSource[] {
  if (!fs.existsSync(dir)) return []
  const courses: CourseSource[] = []
  const problems: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      courses.push(loadCourse(path.join(dir, entry.name)))
    } catch (error) {
      problems.push(error instanceof ContentError ? error.message : `${entry.name}: ${(error as Error).message}`)
    }
  }
  const seen = new Map<string, string>()
  for (const course of courses) {
    const other = seen.get(course.frontmatter.id)
    if (other) problems.push(`${course.folder}: course id "${course.frontmatter.id}" is also used by ${other}`)
    seen.set(course.frontmatter.id, course.folder)
  }
  if (problems.length) throw new Error(`Content problems:\n- ${problems.join('\n- ')}`)
  return courses
}
