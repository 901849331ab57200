import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireUser } from '~/auth/guards.server'
import { findCourseSource } from '~/content/content.server'
import { formatDateTime, formatPercent } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { getCourse } from '~/models/courses.server'
import { getQuizState, startAttempt } from '~/models/quiz-attempts.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} — HọcSố` : 'HọcSố' }]

async function loadQuiz(request: Request, courseId: string | undefined) {
  const user = await requireUser(request)
  const course = getCourse({ courseId: courseId ?? '', includeDrafts: hasRole(user, ['hr', 'admin']) })
  const source = course ? findCourseSource(course.id) : null
  if (!course || !source?.quiz) throw new Response('Not found', { status: 404 })
  return { user, course, source, quiz: source.quiz }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, source, quiz } = await loadQuiz(request, params.course)
  const state = user.personId ? getQuizState({ personId: user.personId, course: source }) : null
  return {
    course: { id: course.id, title: course.title, yearly: course.yearly },
    settings: {
      questions: quiz.settings.questionsPerAttempt,
      passMark: quiz.settings.passMark,
      attemptsAllowed: quiz.settings.attemptsAllowed,
      grading: quiz.settings.grading,
      timeLimitMinutes: quiz.settings.timeLimitMinutes ?? null,
    },
    state: state
      ? {
          attemptsLeft: state.attemptsLeft,
          lessonsComplete: state.lessonsComplete,
          openId: state.open?.id ?? null,
          counting: state.counting ? { score: state.counting.score, passed: state.counting.passed } : null,
          attempts: state.attempts.map((a) => ({ id: a.id, startedAt: a.startedAt, submitted: a.submittedAt !== null, score: a.score, passed: a.passed })),
        }
      : null,
  }
}

const Start = z.object({ intent: z.literal('start') })

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, source } = await loadQuiz(request, params.course)
  if (!Start.safeParse(Object.fromEntries(await request.formData())).success) throw new Response('Bad request', { status: 400 })
  if (!user.personId) throw new Response('This account has no staff record', { status: 403 })
  const result = startAttempt({ personId: user.personId, course: source })
  if (result.ok) return redirect(`/courses/${course.id}/quiz/${result.attemptId}`)
  return { error: result.reason }
}

export default function QuizHome() {
  const { course, settings, state } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const t = useT()
  const locale = useLocale()
  const period = course.yearly ? t('quiz.thisYear') : ''
  const error = actionData?.error
  return (
    <article className="quiz-page">
      <nav aria-label={t('lesson.breadcrumb')} className="breadcrumb">
        <Link to="/courses">{t('nav.courses')}</Link> <span aria-hidden="true">›</span> <Link to={`/courses/${course.id}`}>{course.title}</Link>
      </nav>
      <h1>{t('quiz.title', { course: course.title })}</h1>
      <div className="card">
        <p>{t('quiz.rules', { questions: settings.questions, passMark: settings.passMark })}</p>
        <p>
          {settings.grading === 'highest' ? t('quiz.gradingHighest') : t('quiz.gradingLatest')}{' '}
          {settings.timeLimitMinutes ? t('quiz.timeLimit', { minutes: settings.timeLimitMinutes }) : null}
        </p>
        {!state ? (
          <p className="notice">{t('quiz.noPerson')}</p>
        ) : (
          <>
            <p>{state.attemptsLeft === null ? t('quiz.unlimited') : t('quiz.attemptsLeft', { n: state.attemptsLeft, period })}</p>
            {error ? (
              <p className="form-error" role="alert">
                {error === 'lessons_incomplete' ? t('quiz.lessonsIncomplete') : error === 'no_attempts_left' ? t('quiz.noAttemptsLeft', { period }) : t('course.quizNone')}
              </p>
            ) : null}
            {state.openId ? (
              <Link className="button" to={`/courses/${course.id}/quiz/${state.openId}`}>
                {t('quiz.resume')}
              </Link>
            ) : !state.lessonsComplete ? (
              <p className="notice">
                {t('quiz.lessonsIncomplete')} <Link to={`/courses/${course.id}`}>{t('result.backToCourse')}</Link>
              </p>
            ) : state.attemptsLeft === 0 ? (
              <p className="notice">{t('quiz.noAttemptsLeft', { period })}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="start" />
                <button type="submit" className="button" disabled={navigation.state !== 'idle'}>
                  {t('quiz.start')}
                </button>
              </Form>
            )}
          </>
        )}
      </div>
      {state ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('quiz.history')}</h2>
          {state.counting ? (
            <p>
              {t('quiz.bestScore', {
                score: formatPercent(state.counting.score, { locale }),
                result: state.counting.passed ? t('quiz.passed') : t('quiz.failed'),
              })}
            </p>
          ) : null}
          {state.attempts.length ? (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('quiz.colAttempt')}</th>
                    <th scope="col">{t('quiz.colStarted')}</th>
                    <th scope="col" className="num">
                      {t('quiz.colScore')}
                    </th>
                    <th scope="col">{t('quiz.colResult')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.attempts.map((attempt, index) => (
                    <tr key={attempt.id}>
                      <td>{index + 1}</td>
                      <td>{formatDateTime(attempt.startedAt)}</td>
                      <td className="num">{attempt.submitted ? formatPercent(attempt.score, { locale }) : '—'}</td>
                      <td>
                        <Link to={`/courses/${course.id}/quiz/${attempt.id}`}>
                          {!attempt.submitted ? t('quiz.inProgress') : attempt.passed ? t('quiz.passed') : t('quiz.failed')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('quiz.historyEmpty')}</p>
          )}
        </section>
      ) : null}
    </article>
  )
}
