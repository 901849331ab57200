import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { hasRole, requireUser } from '~/auth/guards.server'
import { CourseProgress } from '~/components/ui/progress'
import { findCourseSource } from '~/content/content.server'
import { renderCourseIntro } from '~/content/lessons.server'
import { formatDate, formatPercent } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { listCompletionsForPerson } from '~/models/completions.server'
import { getCourse, listDoneLessonIds, listLessons } from '~/models/courses.server'
import { getQuizState } from '~/models/quiz-attempts.server'
import lessonStyles from '~/styles/lesson.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: lessonStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} — HọcSố` : 'HọcSố' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const course = getCourse({ courseId: params.course ?? '', includeDrafts: hasRole(user, ['hr', 'admin']) })
  const source = course ? findCourseSource(course.id) : null
  if (!course || !source) throw new Response('Not found', { status: 404 })
  const lessons = listLessons({ courseId: course.id })
  const done = user.personId ? listDoneLessonIds({ personId: user.personId, courseId: course.id }) : new Set<string>()
  const intro = await renderCourseIntro(source)
  const next = lessons.find((l) => !done.has(l.id)) ?? null
  const quizState = user.personId && source.quiz ? getQuizState({ personId: user.personId, course: source }) : null
  const completion = user.personId ? (listCompletionsForPerson({ personId: user.personId }).find((c) => c.courseId === course.id && !c.revokedAt) ?? null) : null
  return {
    course: {
      id: course.id,
      title: course.title,
      summary: course.summary,
      durationTiet: course.durationTiet,
      audience: course.audience,
      skillStrand: course.skillStrand,
      objectives: course.objectives,
      yearly: course.yearly,
      draft: course.status === 'draft',
    },
    introHtml: intro.html,
    lessons: lessons.map((l) => ({ slug: l.slug, title: l.title, minutes: l.minutes, done: done.has(l.id) })),
    next: next ? { slug: next.slug, title: next.title, isFirst: next.id === lessons[0]?.id } : null,
    quiz: source.quiz
      ? {
          questions: source.quiz.settings.questionsPerAttempt,
          passMark: source.quiz.settings.passMark,
          attempts: source.quiz.settings.attemptsAllowed,
          timeLimitMinutes: source.quiz.settings.timeLimitMinutes ?? null,
        }
      : null,
    tracksProgress: !!user.personId,
    quizState: quizState
      ? {
          lessonsComplete: quizState.lessonsComplete,
          counting: quizState.counting ? { score: quizState.counting.score, passed: quizState.counting.passed } : null,
          open: quizState.open !== null,
        }
      : null,
    completion: completion ? { completedOn: completion.completedOn, code: completion.certificateCode } : null,
  }
}

export default function CoursePage() {
  const { course, introHtml, lessons, next, quiz, tracksProgress, quizState, completion } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const doneCount = lessons.filter((l) => l.done).length
  return (
    <article className="course-page">
      <nav aria-label={t('lesson.breadcrumb')} className="breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link>
      </nav>
      <header className="page-header">
        <p className="course-meta">
          {course.yearly ? <span className="badge badge-accent">{t('course.yearly')}</span> : null}
          {course.draft ? <span className="badge badge-warn">{t('course.draft')}</span> : null}
        </p>
        <h1>{course.title}</h1>
        <p className="page-intro">{course.summary}</p>
      </header>
      <div className="course-layout">
        <div className="course-main">
          {tracksProgress ? (
            <CourseProgress done={doneCount} total={lessons.length} />
          ) : (
            <p className="notice">{t('course.noPerson')}</p>
          )}
          {completion ? (
            <p className="notice notice-ok">
              {t('course.completedOn', { date: formatDate(completion.completedOn) })}{' '}
              <Link to={`/certificates/${completion.code}`}>{t('result.certificate')}</Link>
            </p>
          ) : null}
          <p className="course-actions">
            {next ? (
              <Link className="button" to={`/courses/${course.id}/${next.slug}`}>
                {next.isFirst && doneCount === 0 ? t('course.start') : t('course.resume', { title: next.title })}
              </Link>
            ) : lessons[0] ? (
              <Link className="button button-quiet" to={`/courses/${course.id}/${lessons[0].slug}`}>
                {t('course.review')}
              </Link>
            ) : null}
          </p>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: introHtml }} />
          <section aria-labelledby="objectives-title">
            <h2 id="objectives-title">{t('course.objectives')}</h2>
            <p>{t('course.objectivesIntro')}</p>
            <ul className="objectives">
              {course.objectives.map((objective) => (
                <li key={objective}>{objective}</li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="lessons-title">
            <h2 id="lessons-title">{t('course.lessonList')}</h2>
            <ol className="lesson-list">
              {lessons.map((lesson) => (
                <li key={lesson.slug} className={lesson.done ? 'is-done' : undefined}>
                  <Link to={`/courses/${course.id}/${lesson.slug}`}>{lesson.title}</Link>
                  <span className="lesson-list-meta">
                    {t('course.minutes', { n: lesson.minutes })}
                    {tracksProgress ? (
                      <span className={`status ${lesson.done ? 'status-done' : 'status-not_started'}`}>
                        {lesson.done ? t('course.lessonDone') : t('course.lessonTodo')}
                      </span>
                    ) : null}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="quiz-title" className="card">
            <h2 id="quiz-title">{t('course.quizTitle')}</h2>
            {quiz ? (
              <>
                <p>
                  {quiz.attempts > 0
                    ? t('course.quizInfo', { questions: quiz.questions, passMark: quiz.passMark, attempts: quiz.attempts })
                    : t('course.quizInfoUnlimited', { questions: quiz.questions, passMark: quiz.passMark })}{' '}
                  {quiz.timeLimitMinutes ? t('course.quizTimeLimit', { minutes: quiz.timeLimitMinutes }) : null}
                </p>
                {quizState?.counting ? (
                  <p>
                    {t('quiz.bestScore', {
                      score: formatPercent(quizState.counting.score, { locale }),
                      result: quizState.counting.passed ? t('quiz.passed') : t('quiz.failed'),
                    })}
                  </p>
                ) : null}
                {quizState?.lessonsComplete || quizState?.open ? (
                  <Link className="button" to={`/courses/${course.id}/quiz`}>
                    {t('quiz.open')}
                  </Link>
                ) : (
                  <p className="muted">{t('course.quizLocked')}</p>
                )}
              </>
            ) : (
              <p>{t('course.quizNone')}</p>
            )}
          </section>
        </div>
        <aside className="course-facts card" aria-label={course.title}>
          <dl className="details-list">
            <dt>{t('course.duration')}</dt>
            <dd>{t('course.tiet', { n: course.durationTiet })}</dd>
            <dt>{t('course.audience')}</dt>
            <dd>{course.audience}</dd>
            <dt>{t('course.skillStrand')}</dt>
            <dd>{course.skillStrand}</dd>
          </dl>
        </aside>
      </div>
    </article>
  )
}
