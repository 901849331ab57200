import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireUser } from '~/auth/guards.server'
import { PageHeader } from '~/components/ui/page-header'
import { CourseProgress } from '~/components/ui/progress'
import { COURSE_CATEGORIES } from '~/content/schema'
import { matchesSearch } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-t'
import { listCourses, summariseProgress } from '~/models/courses.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'catalog.title')

const Query = z.object({
  q: z.string().trim().max(100).catch(''),
  category: z.enum(COURSE_CATEGORIES).or(z.literal('')).catch(''),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { q, category } = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const progress = user.personId ? summariseProgress({ personId: user.personId }) : new Map()
  const courses = listCourses({ includeDrafts: hasRole(user, ['hr', 'admin']) })
    .filter((c) => !category || c.category === category)
    .filter((c) => !q || matchesSearch(`${c.title} ${c.summary} ${c.audience}`, q))
    .map((c) => ({
      id: c.id,
      title: c.title,
      summary: c.summary,
      category: c.category as (typeof COURSE_CATEGORIES)[number],
      durationTiet: c.durationTiet,
      yearly: c.yearly,
      draft: c.status === 'draft',
      progress: progress.get(c.id) ?? null,
    }))
  return { q, category, courses, tracksProgress: !!user.personId }
}

export default function Catalogue() {
  const { q, category, courses, tracksProgress } = useLoaderData<typeof loader>()
  const t = useT()
  const navigation = useNavigation()
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/courses'
  return (
    <>
      <PageHeader title={t('catalog.title')} intro={t('catalog.intro')} />
      <Form method="get" className="filter-bar" role="search">
        <div className="field">
          <label htmlFor="q">{t('catalog.search')}</label>
          <p className="field-hint" id="q-hint">
            {t('catalog.searchHint')}
          </p>
          <input id="q" name="q" type="search" defaultValue={q} aria-describedby="q-hint" />
        </div>
        <div className="field">
          <label htmlFor="category">{t('catalog.category')}</label>
          <select id="category" name="category" defaultValue={category}>
            <option value="">{t('catalog.allCategories')}</option>
            {COURSE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button" disabled={searching}>
            {t('catalog.filter')}
          </button>
          {q || category ? (
            <Link to="/courses" className="button button-quiet">
              {t('catalog.clear')}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="muted" role="status" aria-live="polite">
        {t('catalog.count', { n: courses.length })}
      </p>
      {courses.length ? (
        <ul className="course-grid">
          {courses.map((course) => (
            <li key={course.id} className="card course-card">
              <p className="course-meta">
                <span className="badge">{t(`category.${course.category}`)}</span>
                {course.yearly ? <span className="badge badge-accent">{t('course.yearly')}</span> : null}
                {course.draft ? <span className="badge badge-warn">{t('course.draft')}</span> : null}
              </p>
              <h2>
                <Link to={`/courses/${course.id}`}>{course.title}</Link>
              </h2>
              <p>{course.summary}</p>
              <p className="muted">{t('course.tiet', { n: course.durationTiet })}</p>
              {tracksProgress && course.progress ? (
                <CourseProgress done={course.progress.done} total={course.progress.total} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">{t('catalog.empty')}</p>
      )}
    </>
  )
}
