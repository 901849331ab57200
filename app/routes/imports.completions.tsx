import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { ImportFlow } from '~/components/import-flow'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { TRAINING_MODES } from '~/db/enums'
import type { MessageKey } from '~/i18n'
import { formatDate, formatFullName, formatNumber, parseLocaleNumber, parseViDate } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { handleImportPage } from '~/models/import-api.server'
import type { ImportPageData } from '~/models/import-page'
import {
  importCompletionRecords,
  listCourseChoices,
  listRecentExternalRecords,
  RECORDS_HEADERS,
  recordExternalCompletion,
  searchPeopleForRecord,
  type RecordChange,
} from '~/models/records-import.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'imports.recordsTitle')

const OTHER = '__other__'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const url = new URL(request.url)
  const q = z.string().max(100).catch('').parse(url.searchParams.get('q') ?? '')
  const chosen = z.string().regex(/^\d{12}$/).nullable().catch(null).parse(url.searchParams.get('person'))
  return {
    headers: RECORDS_HEADERS,
    q,
    matches: q ? searchPeopleForRecord({ query: q }) : [],
    chosen,
    courses: listCourseChoices(),
    recent: listRecentExternalRecords({ limit: 10 }).map((r) => ({
      id: r.id,
      nationalId: r.nationalId,
      name: formatFullName(r),
      title: r.title,
      external: !!r.external,
      completedOn: formatDate(r.completedOn),
      durationTiet: r.durationTiet,
      source: r.source,
    })),
  }
}

type ManualFields = { nationalId: string; courseId: string; title: string; completedOn: string; durationTiet: string; mode: string; source: string; note: string }
type ManualErrors = Partial<Record<keyof ManualFields, MessageKey | string>>
type ActionData =
  | { form: 'import'; data: ImportPageData }
  | { form: 'manual'; ok: boolean; values: ManualFields; errors: ManualErrors }

const ManualForm = z.object({
  nationalId: z.string().trim().max(20).default(''),
  courseId: z.string().max(100).default(''),
  title: z.string().max(500).default(''),
  completedOn: z.string().trim().max(20).default(''),
  durationTiet: z.string().trim().max(20).default(''),
  mode: z.enum(TRAINING_MODES).or(z.literal('')).catch(''),
  source: z.string().max(500).default(''),
  note: z.string().max(500).default(''),
})

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const multipart = (request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')
  const intent = multipart ? 'preview' : (await request.clone().formData()).get('intent')
  if (intent !== 'record') {
    const result = await handleImportPage({
      request,
      user,
      kind: 'completions',
      run: importCompletionRecords,
      toRow: (c: RecordChange) => ({
        row: c.row,
        nationalId: c.nationalId,
        name: c.name,
        action: 'create',
        details: [`${c.title}${c.external ? ' (bên ngoài)' : ''}`, `${formatDate(c.completedOn)} · ${formatNumber(c.durationTiet, { decimals: Number.isInteger(c.durationTiet) ? 0 : 1 })} tiết`],
      }),
    })
    return data<ActionData>({ form: 'import', data: result.data }, { status: result.status })
  }
  const values = ManualForm.parse(Object.fromEntries(await request.formData())) as ManualFields
  const errors: ManualErrors = {}
  if (!/^\d{12}$/.test(values.nationalId)) errors.nationalId = 'imports.manual.badNationalId'
  const completedOn = parseViDate(values.completedOn)
  if (!completedOn) errors.completedOn = 'imports.manual.badDate'
  const tiet = values.durationTiet ? parseLocaleNumber(values.durationTiet) : null
  if (values.durationTiet && (tiet === null || tiet <= 0 || tiet > 1000)) errors.durationTiet = 'imports.manual.badTiet'
  const course = values.courseId === OTHER ? values.title : values.courseId
  if (!course.trim()) errors[values.courseId === OTHER ? 'title' : 'courseId'] = 'imports.manual.courseRequired'
  if (Object.keys(errors).length || !completedOn) return data<ActionData>({ form: 'manual', ok: false, values, errors }, { status: 400 })
  const { actorUserId, actorTokenId } = actorOf(user)
  const result = recordExternalCompletion({
    input: { nationalId: values.nationalId, course, completedOn, durationTiet: tiet, mode: values.mode ? (values.mode as (typeof TRAINING_MODES)[number]) : null, source: values.source, note: values.note || null },
    actor: { userId: actorUserId, tokenId: actorTokenId },
  })
  if (!result.ok) {
    const { durationTiet, course: courseError, ...rest } = result.fieldErrors
    const mapped: ManualErrors = { ...rest, durationTiet }
    if (courseError) mapped[values.courseId === OTHER ? 'title' : 'courseId'] = courseError
    return data<ActionData>({ form: 'manual', ok: false, values, errors: mapped }, { status: 422 })
  }
  return data<ActionData>({ form: 'manual', ok: true, values: { ...values, courseId: '', title: '', completedOn: '', durationTiet: '', note: '' }, errors: {} })
}

export default function RecordsImport() {
  const t = useT()
  const locale = useLocale()
  const { headers, q, matches, chosen, courses, recent } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const manual = actionData?.form === 'manual' ? actionData : null
  const values = manual?.values
  const err = (key: keyof ManualFields) => {
    const e = manual?.errors[key]
    return e ? (e.startsWith('imports.') ? t(e as MessageKey) : e) : null
  }
  const nationalId = values?.nationalId ?? chosen ?? ''
  return (
    <>
      <PageHeader title={t('imports.recordsTitle')} intro={t('imports.recordsIntro')} />
      <section aria-labelledby="records-file-title" className="import-section">
        <h2 id="records-file-title">{t('imports.recordsFileTitle')}</h2>
        <ImportFlow data={actionData?.form === 'import' ? actionData.data : undefined} headers={headers} showMoves={false} />
      </section>

      <section aria-labelledby="records-manual-title" className="import-section" id="manual">
        <h2 id="records-manual-title">{t('imports.manual.title')}</h2>
        <Form method="get" className="inline-form" action="#manual">
          <Field id="q" name="q" label={t('imports.manual.search')} hint={t('imports.manual.searchHint')} defaultValue={q} type="search" />
          <button type="submit" className="button button-quiet">
            {t('imports.manual.find')}
          </button>
        </Form>
        {q ? (
          matches.length ? (
            <ul className="import-person-matches">
              {matches.map((m) => (
                <li key={m.id}>
                  <a href={`?person=${m.nationalId}#manual`}>
                    {m.name} — <code>{m.nationalId}</code>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="notice">{t('imports.manual.noMatch', { q })}</p>
          )
        ) : null}

        {manual?.ok ? (
          <p className="notice notice-ok" role="status">
            {t('imports.manual.saved')}
          </p>
        ) : null}
        <Form method="post" className="import-manual" action="?#manual" key={manual?.ok ? 'saved' : 'form'}>
          <input type="hidden" name="intent" value="record" />
          <Field id="nationalId" name="nationalId" label={t('imports.manual.nationalId')} defaultValue={nationalId} inputMode="numeric" maxLength={12} required error={err('nationalId')} />
          <div className="field">
            <label htmlFor="courseId">{t('imports.manual.course')}</label>
            <select id="courseId" name="courseId" defaultValue={values?.courseId ?? ''} aria-invalid={err('courseId') ? true : undefined} aria-describedby={err('courseId') ? 'courseId-error' : undefined}>
              <option value="">{t('imports.manual.chooseCourse')}</option>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({t('course.tiet', { n: c.durationTiet })})
                </option>
              ))}
              <option value={OTHER}>{t('imports.manual.otherCourse')}</option>
            </select>
            {err('courseId') ? (
              <p className="field-error" id="courseId-error" role="alert">
                {err('courseId')}
              </p>
            ) : null}
          </div>
          <Field id="title" name="title" label={t('imports.manual.title2')} hint={t('imports.manual.titleHint')} defaultValue={values?.title ?? ''} maxLength={500} error={err('title')} />
          <Field id="completedOn" name="completedOn" label={t('imports.manual.completedOn')} hint={t('imports.manual.dateHint')} defaultValue={values?.completedOn ?? ''} inputMode="numeric" required error={err('completedOn')} />
          <Field id="durationTiet" name="durationTiet" label={t('imports.manual.tiet')} hint={t('imports.manual.tietHint')} defaultValue={values?.durationTiet ?? ''} inputMode="decimal" error={err('durationTiet')} />
          <div className="field">
            <label htmlFor="mode">{t('imports.manual.mode')}</label>
            <select id="mode" name="mode" defaultValue={values?.mode ?? ''}>
              <option value="">—</option>
              {TRAINING_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`imports.mode.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <Field id="source" name="source" label={t('imports.manual.source')} hint={t('imports.manual.sourceHint')} defaultValue={values?.source ?? ''} maxLength={500} required error={err('source')} />
          <Field id="note" name="note" label={t('imports.manual.note')} defaultValue={values?.note ?? ''} maxLength={500} />
          <button type="submit" className="button">
            {t('imports.manual.save')}
          </button>
        </Form>
      </section>

      {recent.length ? (
        <section aria-labelledby="records-recent-title" className="import-section">
          <h2 id="records-recent-title">{t('imports.recentTitle')}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('imports.colName')}</th>
                  <th scope="col">{t('imports.colCourse')}</th>
                  <th scope="col">{t('imports.colDate')}</th>
                  <th scope="col" className="num">
                    {t('imports.colTiet')}
                  </th>
                  <th scope="col">{t('imports.colSource')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.name}
                      <br />
                      <code>{r.nationalId}</code>
                    </td>
                    <td>
                      {r.title} <span className="badge badge-external">{t('imports.external')}</span>
                    </td>
                    <td>{r.completedOn}</td>
                    <td className="num">{formatNumber(r.durationTiet, { locale, decimals: Number.isInteger(r.durationTiet) ? 0 : 1 })}</td>
                    <td>{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  )
}
