import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { CourseProgress } from '~/components/ui/progress'
import { StatusBadge } from '~/components/ui/status-badge'
import { formatDate, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { listCompletionDatesInYear } from '~/models/completions.server'
import { listCourses, summariseProgress } from '~/models/courses.server'
import { getPlan, listRequirementsForPerson } from '~/models/plans.server'
import { courseStatus } from '~/models/status'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'learn.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const today = isoDateInVietnam()
  const year = Number(today.slice(0, 4))
  const courses = listCourses()
  const plan = getPlan({ year })
  if (!user.personId) {
    return { year, plan: null, required: [], others: courses.map((c) => ({ id: c.id, title: c.title, summary: c.summary, durationTiet: c.durationTiet, progress: null })), hasPerson: false }
  }
  const requirements = listRequirementsForPerson({ personId: user.personId, year, asOf: today })
  const completed = listCompletionDatesInYear({ personId: user.personId, year })
  const progress = summariseProgress({ personId: user.personId })
  const byId = new Map(courses.map((c) => [c.id, c]))
  const required = requirements.flatMap((r) => {
    const course = byId.get(r.courseId)
    if (!course) return []
    const p = progress.get(course.id) ?? { done: 0, total: 0 }
    const completedOn = completed.get(course.id) ?? null
    return [
      {
        id: course.id,
        title: course.title,
        durationTiet: course.durationTiet,
        dueDate: r.dueDate,
        completedOn,
        status: courseStatus({ completedOn, lessonsDone: p.done, dueDate: r.dueDate, today }),
        progress: p,
      },
    ]
  })
  const requiredIds = new Set(required.map((r) => r.id))
  const others = courses
    .filter((c) => !requiredIds.has(c.id))
    .map((c) => ({ id: c.id, title: c.title, summary: c.summary, durationTiet: c.durationTiet, progress: progress.get(c.id) ?? null }))
  return { year, plan: plan ? { reference: plan.reference } : null, required, others, hasPerson: true }
}

export default function Learn() {
  const { year, plan, required, others, hasPerson } = useLoaderData<typeof loader>()
  const t = useT()
  const doneCount = required.filter((r) => r.status === 'done').length
  return (
    <>
      <PageHeader title={t('learn.title')} intro={t('learn.intro', { year })} />
      <section aria-labelledby="required-title">
        <h2 id="required-title">{t('learn.required', { year })}</h2>
        {!hasPerson ? (
          <p className="notice">{t('learn.noPerson')}</p>
        ) : !plan ? (
          <p className="notice">{t('learn.noPlan', { year })}</p>
        ) : required.length === 0 ? (
          <p className="notice">{t('learn.noRequired', { year })}</p>
        ) : (
          <>
            <p className="muted">
              {t('learn.plan', { reference: plan.reference })} · {t('learn.standing', { done: doneCount, total: required.length })}
            </p>
            <ul className="required-list">
              {required.map((course) => (
                <li key={course.id} className={`card required-card required-${course.status}`}>
                  <div className="required-head">
                    <h3>
                      <Link to={`/courses/${course.id}`}>{course.title}</Link>
                    </h3>
                    <StatusBadge
                      status={course.status}
                      text={course.completedOn ? t('status.doneOn', { date: formatDate(course.completedOn) }) : undefined}
                    />
                  </div>
                  <p className="muted">
                    {t('learn.due', { date: formatDate(course.dueDate) })} · {t('course.tiet', { n: course.durationTiet })}
                  </p>
                  <CourseProgress done={course.progress.done} total={course.progress.total} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="others-title">
        <h2 id="others-title">{t('learn.others')}</h2>
        <ul className="course-grid">
          {others.map((course) => (
            <li key={course.id} className="card course-card">
              <h3>
                <Link to={`/courses/${course.id}`}>{course.title}</Link>
              </h3>
              <p>{course.summary}</p>
              <p className="muted">{t('course.tiet', { n: course.durationTiet })}</p>
              {course.progress && course.progress.done > 0 ? (
                <CourseProgress done={course.progress.done} total={course.progress.total} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
