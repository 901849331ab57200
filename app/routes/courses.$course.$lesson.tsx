import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { hasRole, requireUser } from '~/auth/guards.server'
import { mountIslands } from '~/components/mdx/islands'
import { CourseProgress } from '~/components/ui/progress'
import { findCourseSource } from '~/content/content.server'
import { renderLesson } from '~/content/lessons.server'
import { useT } from '~/i18n/use-t'
import { getCourse, listDoneLessonIds, listLessons, markLessonDone } from '~/models/courses.server'
import lessonStyles from '~/styles/lesson.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: lessonStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} — ${data.course.title}` : 'HọcSố' }]

async function findLesson(request: Request, params: LoaderFunctionArgs['params']) {
  const user = await requireUser(request)
  const course = getCourse({ courseId: params.course ?? '', includeDrafts: hasRole(user, ['hr', 'admin']) })
  if (!course) throw new Response('Not found', { status: 404 })
  const lessons = listLessons({ courseId: course.id })
  const index = lessons.findIndex((l) => l.slug === params.lesson)
  if (index === -1) throw new Response('Not found', { status: 404 })
  return { user, course, lessons, index, lesson: lessons[index]! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lessons, index, lesson } = await findLesson(request, params)
  const source = findCourseSource(course.id)
  if (!source) throw new Response('Not found', { status: 404 })
  const rendered = await renderLesson(source, lesson.slug)
  const done = user.personId ? listDoneLessonIds({ personId: user.personId, courseId: course.id }) : new Set<string>()
  const neighbour = (i: number) => (lessons[i] ? { slug: lessons[i]!.slug, title: lessons[i]!.title } : null)
  return {
    course: { id: course.id, title: course.title },
    lesson: { slug: lesson.slug, title: lesson.title, minutes: lesson.minutes, position: index + 1, done: done.has(lesson.id) },
    html: rendered.html,
    total: lessons.length,
    doneCount: lessons.filter((l) => done.has(l.id)).length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    tracksProgress: !!user.personId,
  }
}

const MarkDone = z.object({ intent: z.literal('complete') })

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, lesson } = await findLesson(request, params)
  const parsed = MarkDone.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  if (!user.personId) throw new Response('This account has no staff record', { status: 403 })
  const source = findCourseSource(course.id)
  markLessonDone({ personId: user.personId, lessonId: lesson.id, courseId: course.id, course: source ?? undefined })
  return redirect(`/courses/${course.id}/${lesson.slug}#lesson-done`)
}

export default function LessonPage() {
  const { course, lesson, html, total, doneCount, previous, next, tracksProgress } = useLoaderData<typeof loader>()
  const t = useT()
  const navigation = useNavigation()
  const saving = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'complete'
  const bodyRef = useRef<HTMLDivElement>(null)
  useEffect(() => (bodyRef.current ? mountIslands(bodyRef.current) : undefined), [html])
  return (
    <article className="lesson-page">
      <nav aria-label={t('lesson.breadcrumb')} className="breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/courses/${course.id}`}>{course.title}</Link>
      </nav>
      <header className="page-header">
        <p className="muted">
          {t('lesson.of', { n: lesson.position, total })} · {t('course.minutes', { n: lesson.minutes })}
        </p>
        <h1>{lesson.title}</h1>
        {tracksProgress ? (
          <CourseProgress done={doneCount} total={total} />
        ) : null}
      </header>
      <div className="lesson-body" ref={bodyRef} dangerouslySetInnerHTML={{ __html: html }} />
      <section className="lesson-done card" id="lesson-done" aria-live="polite">
        {lesson.done ? (
          <p className="lesson-done-text">
            <span aria-hidden="true">✓ </span>
            {doneCount === total ? t('lesson.courseComplete') : t('lesson.done')}
          </p>
        ) : tracksProgress ? (
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="button" disabled={saving}>
              {saving ? t('lesson.marking') : t('lesson.markDone')}
            </button>
          </Form>
        ) : (
          <p className="muted">{t('course.noPerson')}</p>
        )}
      </section>
      <nav className="lesson-nav" aria-label={t('course.lessonList')}>
        {previous ? (
          <Link to={`/courses/${course.id}/${previous.slug}`} rel="prev" className="lesson-nav-prev">
            <span className="muted">{t('lesson.previous')}</span>
            <span>{previous.title}</span>
          </Link>
        ) : (
          <Link to={`/courses/${course.id}`} className="lesson-nav-prev">
            <span className="muted">{t('lesson.backToCourse')}</span>
            <span>{course.title}</span>
          </Link>
        )}
        {next ? (
          <Link to={`/courses/${course.id}/${next.slug}`} rel="next" className="lesson-nav-next">
            <span className="muted">{t('lesson.next')}</span>
            <span>{next.title}</span>
          </Link>
        ) : (
          <Link to={`/courses/${course.id}`} className="lesson-nav-next">
            <span className="muted">{t('lesson.backToCourse')}</span>
            <span>{course.title}</span>
          </Link>
        )}
      </nav>
    </article>
  )
}
