/**
 * Compiles lessons (and course introductions) with mdx-bundler and renders them once to static HTML with the
 * project's MDX components. The HTML is kept in memory and on disk, keyed by the course's content version and
 * this renderer's own build, so a restart with unchanged content compiles nothing and no request ever compiles
 * in production. Compiles run one at a time. The compiled code itself never reaches the browser (the CSP has
 * no 'unsafe-eval'); interactive parts hydrate as islands.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getMDXComponent } from 'mdx-bundler/client'
import { renderToStaticMarkup } from 'react-dom/server'
import { ALLOWED_MDX_COMPONENTS, Glossary, mdxComponents } from '~/components/mdx'
import { LessonContext, type LessonContextValue } from '~/components/mdx/lesson-context'
import { ContentError, contentDir, type CourseSource } from './catalog.server'

export type RenderedLesson = { html: string }

/** How much work rendering did in this process (tests and start-up logs read it). */
export const renderStats = { compiled: 0, fromDisk: 0 }

const memory = new Map<string, RenderedLesson>()
let queue: Promise<unknown> = Promise.resolve()

/** Runs `task` after every earlier one: at most one compile at a time. */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task)
  queue = run.catch(() => undefined)
  return run
}

function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development'
}

export function cacheDir(): string {
  return path.resolve(process.env.CONTENT_CACHE_DIR ?? '.cache/lessons')
}

let rendererVersion: string | undefined
/** A hash of the code doing the rendering (in production, the server build), so new components invalidate the cache. */
function ownVersion(): string {
  if (!rendererVersion) {
    let code = 'unknown'
    try {
      code = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8')
    } catch {
      // Bundled somewhere unreadable: fall back to the content hash alone.
    }
    rendererVersion = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)
  }
  return rendererVersion
}

function cacheKey(course: CourseSource, part: string): string {
  return crypto.createHash('sha256').update(`${ownVersion()}\0${course.frontmatter.id}\0${course.version}\0${part}`).digest('hex').slice(0, 24)
}

type MdxNode = { type: string; name?: string | null; position?: { start: { line: number } }; children?: MdxNode[] }

/** A remark plugin: lessons may use only our components — no import/export, no `{expressions}`, no raw HTML. */
function restrictToAllowedComponents(file: string) {
  const allowed = new Set<string>(ALLOWED_MDX_COMPONENTS)
  return () => (tree: MdxNode) => {
    const visit = (node: MdxNode) => {
      const line = node.position?.start.line
      const where = line ? `line ${line}` : 'somewhere'
      if (node.type === 'mdxjsEsm') throw new ContentError(file, `${where}: import/export statements are not allowed`)
      if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
        throw new ContentError(file, `${where}: {…} expressions are not allowed in text (write &#123; for a literal brace)`)
      }
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && !allowed.has(node.name ?? '')) {
        throw new ContentError(file, `${where}: <${node.name ?? ''}> is not one of the lesson components (docs/mdx-components.md)`)
      }
      node.children?.forEach(visit)
    }
    visit(tree)
  }
}

function lessonContext(course: CourseSource, terms: [string, string][]): LessonContextValue {
  return {
    assetUrl: (src) => (course.assets.includes(src) ? `/courses/${course.frontmatter.id}/assets/${encodeURIComponent(src)}` : null),
    dataset: (src) => course.datasets[src] ?? null,
    registerTerm: (term, definition) => {
      if (!terms.some(([t]) => t === term)) terms.push([term, definition])
    },
  }
}

/**
 * Compiles and renders one MDX file of `course`. Errors name the file. Only files inside the content folder are
 * ever compiled (MDX is code): nothing a user uploads or types can reach the compiler.
 */
export async function compileMdx(course: CourseSource, file: string, source: string): Promise<RenderedLesson> {
  const relativeFile = path.relative(process.cwd(), file)
  const root = contentDir()
  const inside = (target: string) => path.resolve(target).startsWith(root + path.sep)
  if (!inside(file) || !inside(course.dir)) throw new ContentError(relativeFile, `only files inside the content folder (${root}) are compiled`)
  // The compiler is loaded only when a lesson is compiled: a start with a warm lesson cache never needs it.
  const [{ bundleMDX }, { default: remarkGfm }] = await Promise.all([import('mdx-bundler'), import('remark-gfm')])
  let code: string
  try {
    const result = await bundleMDX({
      source,
      cwd: course.dir,
      mdxOptions(options) {
        // Ours runs first, on what the author wrote (mdx-bundler's frontmatter plugin later adds an export of its own).
        options.remarkPlugins = [restrictToAllowedComponents(relativeFile), ...(options.remarkPlugins ?? []), remarkGfm]
        return options
      },
      esbuildOptions(options) {
        options.minify = true
        options.target = 'es2022'
        return options
      },
    })
    code = result.code
  } catch (error) {
    if (error instanceof ContentError) throw error
    const cause = (error as { errors?: { text: string; location?: { line: number } | null }[] }).errors?.[0]
    const text = cause?.text ?? (error as Error).message
    // Our own check's message travels through esbuild as text: keep just its reason.
    const ours = text.split(`${relativeFile}: `).at(-1)?.replace(/\s*\[plugin [^\]]+\]\s*$/, '')
    const reason = ours !== text ? ours! : `${cause?.location?.line ? `line ${cause.location.line}: ` : ''}${text}`
    throw new ContentError(relativeFile, reason.trim())
  }
  renderStats.compiled++
  const terms: [string, string][] = []
  try {
    const Lesson = getMDXComponent(code)
    const body = renderToStaticMarkup(
      <LessonContext.Provider value={lessonContext(course, terms)}>
        <Lesson components={mdxComponents} />
      </LessonContext.Provider>,
    )
    const glossary = terms.length ? renderToStaticMarkup(<Glossary terms={terms.map(([term, definition]) => ({ term, definition }))} />) : ''
    return { html: body + glossary }
  } catch (error) {
    throw new ContentError(relativeFile, `rendering failed: ${(error as Error).message}`)
  }
}

function readDisk(key: string): RenderedLesson | null {
  if (isDevelopment()) return null
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(cacheDir(), `${key}.json`), 'utf8')) as RenderedLesson
    return typeof parsed.html === 'string' ? parsed : null
  } catch {
    return null
  }
}

function writeDisk(key: string, rendered: RenderedLesson): void {
  if (isDevelopment()) return
  const dir = cacheDir()
  fs.mkdirSync(dir, { recursive: true })
  const tmp = path.join(dir, `${key}.${process.pid}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify(rendered))
  fs.renameSync(tmp, path.join(dir, `${key}.json`))
}

async function rendered(course: CourseSource, part: string, file: string, source: string): Promise<RenderedLesson> {
  const key = cacheKey(course, part)
  const inMemory = memory.get(key)
  if (inMemory) return inMemory
  return exclusive(async () => {
    const again = memory.get(key)
    if (again) return again
    const fromDisk = readDisk(key)
    if (fromDisk) renderStats.fromDisk++
    const result = fromDisk ?? (await compileMdx(course, file, source))
    if (!fromDisk) writeDisk(key, result)
    memory.set(key, result)
    return result
  })
}

/** The rendered body of a lesson. */
export function renderLesson(course: CourseSource, slug: string): Promise<RenderedLesson> {
  const lesson = course.lessons.find((l) => l.slug === slug)
  if (!lesson) throw new Error(`No lesson ${slug} in ${course.folder}`)
  return rendered(course, `lesson:${slug}`, lesson.file, lesson.source)
}

/** The rendered introduction of a course (the body of course.mdx). */
export function renderCourseIntro(course: CourseSource): Promise<RenderedLesson> {
  return rendered(course, 'intro', path.join(course.dir, 'course.mdx'), course.introSource)
}

/** Renders every lesson and introduction of `catalog` (at start-up), so requests only read memory. */
export async function warmLessons(catalog: readonly CourseSource[]): Promise<typeof renderStats> {
  for (const course of catalog) {
    await renderCourseIntro(course)
    for (const lesson of course.lessons) await renderLesson(course, lesson.slug)
  }
  return { ...renderStats }
}
