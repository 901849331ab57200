import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireRole } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { findCourseSource } from '~/content/content.server'
import type { MessageKey } from '~/i18n'
import { formatNumber, formatPercent } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { listCourses } from '~/models/courses.server'
import { getQuestionStats, MOSTLY_WRONG_BELOW_PCT, MOSTLY_WRONG_MIN_DRAWN } from '~/models/question-stats.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'questionStats.title')

const Query = z.object({ course: z.string().trim().max(100).optional() })
const CourseId = z.string().regex(/^[a-z0-9-]{3,40}$/)

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  const wanted = query.success ? (query.data.course ?? '') : ''
  const courses = listCourses({ includeDrafts: true })
    .filter((c) => c.hasQuiz)
    .map((c) => ({ id: c.id, title: c.title }))
  const limits = { min: MOSTLY_WRONG_MIN_DRAWN, pct: MOSTLY_WRONG_BELOW_PCT }
  if (!query.success || !wanted) return { courses, selected: wanted, error: null, report: null, limits }

  const courseId = CourseId.safeParse(wanted)
  const course = courseId.success ? courses.find((c) => c.id === courseId.data) : undefined
  const quiz = course ? findCourseSource(course.id)?.quiz : null
  if (!course || !quiz) {
    const error: MessageKey = 'questionStats.badCourse'
    return data({ courses, selected: wanted, error, report: null, limits }, { status: 400 })
  }
  const stats = getQuestionStats({ courseId: course.id, questions: quiz.questions })
  return {
    courses,
    selected: course.id,
    error: null,
    limits,
    report: {
      course,
      attempts: stats.attempts,
      questions: stats.questions.map((q) => ({
        id: q.questionId,
        type: q.type,
        prompt: q.prompt,
        drawn: q.drawn,
        correct: q.correct,
        correctPct: q.correctPct,
        topWrong: q.topWrong,
        applies: q.type === 'single' || q.type === 'multiple' || q.type === 'truefalse',
        mostlyWrong: q.mostlyWrong,
      })),
    },
  }
}

type Row = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['report']>['questions'][number]

function TopWrong({ row }: { row: Row }) {
  const t = useT()
  const locale = useLocale()
  if (!row.applies) return <span className="muted">{t('questionStats.notApplicable')}</span>
  if (!row.topWrong) return <span className="muted">{t('questionStats.noWrong')}</span>
  const { optionId, text, count } = row.topWrong
  const label =
    row.type === 'truefalse'
      ? t(optionId === 'true' ? 'questionStats.answerTrue' : 'questionStats.answerFalse')
      : (text ?? t('questionStats.removedOption', { id: optionId }))
  return (
    <>
      {label} <span className="muted nowrap">({t('questionStats.timesChosen', { n: formatNumber(count, { locale }) })})</span>
    </>
  )
}

export default function QuestionStatistics() {
  const { courses, selected, error, report, limits } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const flagged = report?.questions.filter((q) => q.mostlyWrong).length ?? 0
  return (
    <>
      <PageHeader title={t('questionStats.title')} intro={t('questionStats.intro')} />
      {courses.length === 0 ? (
        <p className="notice">{t('questionStats.noQuizCourses')}</p>
      ) : (
        <Form method="get" className="inline-form stats-form">
          <div className="field">
            <label htmlFor="course">{t('questionStats.course')}</label>
            <select
              id="course"
              name="course"
              defaultValue={selected}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'course-error' : undefined}
            >
              <option value="">{t('questionStats.chooseCourse')}</option>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            {error ? (
              <p className="field-error" id="course-error" role="alert">
                {t(error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t('questionStats.show')}
          </button>
        </Form>
      )}

      {!report ? (
        courses.length && !error ? <p className="notice">{t('questionStats.pickFirst')}</p> : null
      ) : report.attempts === 0 ? (
        <div className="notice">
          <p>
            <strong>{t('questionStats.empty')}</strong>
          </p>
          <p>{t('questionStats.emptyNext')}</p>
          <p>
            <Link to={`/courses/${report.course.id}`}>{t('questionStats.openCourse')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            {t('questionStats.summary', {
              attempts: formatNumber(report.attempts, { locale }),
              questions: formatNumber(report.questions.length, { locale }),
            })}
          </p>
          {flagged ? (
            <p className="stats-flag-summary">
              <span className="status status-overdue">{t('questionStats.mostlyWrong')}</span>{' '}
              {t('questionStats.flaggedCount', {
                n: formatNumber(flagged, { locale }),
                min: limits.min,
                pct: formatPercent(limits.pct, { decimals: 0, locale }),
              })}
            </p>
          ) : null}
          <div className="table-scroll">
            <table className="stats-table">
              <caption>{t('questionStats.caption', { course: report.course.title })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('questionStats.colNo')}
                  </th>
                  <th scope="col">{t('questionStats.colQuestion')}</th>
                  <th scope="col" className="num">
                    {t('questionStats.colDrawn')}
                  </th>
                  <th scope="col" className="num">
                    {t('questionStats.colCorrect')}
                  </th>
                  <th scope="col" className="num">
                    {t('questionStats.colPct')}
                  </th>
                  <th scope="col">{t('questionStats.colTopWrong')}</th>
                </tr>
              </thead>
              <tbody>
                {report.questions.map((row, index) => (
                  <tr key={row.id} className={row.mostlyWrong ? 'is-flagged' : undefined}>
                    <td className="num stats-no">{formatNumber(index + 1, { locale })}</td>
                    <td className="stats-question">
                      <p className="stats-prompt">{row.prompt}</p>
                      <p className="course-meta">
                        <span className="badge">{t(`questionStats.type.${row.type}`)}</span>
                        {row.mostlyWrong ? <span className="status status-overdue">{t('questionStats.mostlyWrong')}</span> : null}
                      </p>
                    </td>
                    <td className="num" data-label={t('questionStats.colDrawn')}>
                      {formatNumber(row.drawn, { locale })}
                    </td>
                    <td className="num" data-label={t('questionStats.colCorrect')}>
                      {formatNumber(row.correct, { locale })}
                    </td>
                    <td className="num" data-label={t('questionStats.colPct')}>
                      {formatPercent(row.correctPct, { locale })}
                    </td>
                    <td className="stats-wrong" data-label={t('questionStats.colTopWrong')}>
                      <TopWrong row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
