/**
 * One quiz attempt: the questions while it is open (a plain form: save, submit), the result once submitted.
 * Only prompts and options leave the server before submitting; the review after it follows the course's policy.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { hasRole, requireUser } from '~/auth/guards.server'
import { findCourseSource } from '~/content/content.server'
import type { QuizQuestion } from '~/content/schema'
import { formatCertificateCode } from '~/models/certificate-code'
import { formatDate, formatDateTime, formatNumber, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { useLocale, useT } from '~/i18n/use-t'
import { listCompletionsForPerson } from '~/models/completions.server'
import { getCourse } from '~/models/courses.server'
import { closeIfExpired, getAttempt, saveAnswers, submitAttempt } from '~/models/quiz-attempts.server'
import type { RawAnswer, ShownQuestion } from '~/models/quiz-types'

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.course.title} — HọcSố` : 'HọcSố' }]

async function loadAttempt(request: Request, params: LoaderFunctionArgs['params']) {
  const user = await requireUser(request)
  const course = getCourse({ courseId: params.course ?? '', includeDrafts: hasRole(user, ['hr', 'admin']) })
  const source = course ? findCourseSource(course.id) : null
  if (!course || !source?.quiz || !user.personId) throw new Response('Not found', { status: 404 })
  const attempt = getAttempt({ attemptId: params.attempt ?? '', personId: user.personId })
  if (!attempt || attempt.courseId !== course.id) throw new Response('Not found', { status: 404 })
  return { user, personId: user.personId, course, source, quiz: source.quiz, attempt }
}

type Display = { kind: 'choice'; text: string } | { kind: 'truefalse'; value: boolean } | { kind: 'number'; value: number; unit: string | null } | { kind: 'text'; text: string }

/** What the learner answered, in words (never the key). */
function describeAnswer(shown: ShownQuestion, raw: RawAnswer | undefined): Display[] {
  const { question, order } = shown
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  if (question.type === 'single' || question.type === 'multiple') {
    return values.filter((v) => v !== '').map((v) => ({ kind: 'choice', text: question.options[order[Number(v)]!]?.text ?? '' }))
  }
  if (question.type === 'ordering') {
    const placed = order.map((itemIndex, k) => ({ text: question.items[itemIndex]!.text, position: Number(values[k] ?? 0) }))
    return placed.filter((p) => p.position > 0).sort((a, b) => a.position - b.position).map((p) => ({ kind: 'choice', text: p.text }))
  }
  if (question.type === 'truefalse') return values[0] ? [{ kind: 'truefalse', value: values[0] === 'true' }] : []
  return values[0]?.trim() ? [{ kind: 'text', text: values[0] }] : []
}

/** The correct answer, in words — only for the review after submitting. */
function describeKey(question: QuizQuestion): Display[] {
  switch (question.type) {
    case 'single':
      return question.options.filter((o) => o.id === question.correct).map((o) => ({ kind: 'choice', text: o.text }))
    case 'multiple':
      return question.options.filter((o) => question.correct.includes(o.id)).map((o) => ({ kind: 'choice', text: o.text }))
    case 'ordering':
      return question.items.map((item) => ({ kind: 'choice', text: item.text }))
    case 'truefalse':
      return [{ kind: 'truefalse', value: question.correct }]
    case 'numeric':
      return [{ kind: 'number', value: question.answer, unit: question.unit ?? null }]
    case 'text':
      return [{ kind: 'text', text: question.accept[0] ?? '' }]
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await loadAttempt(request, params)
  const { course, source, quiz, personId } = loaded
  const attempt = closeIfExpired({ attempt: loaded.attempt, course: source })
  const header = { course: { id: course.id, title: course.title }, passMark: quiz.settings.passMark }
  if (attempt.submittedAt === null) {
    return {
      ...header,
      open: {
        deadlineAt: attempt.deadlineAt,
        questions: attempt.shown.map(({ question, order }, index) => ({
          index,
          type: question.type,
          prompt: question.prompt,
          unit: question.type === 'numeric' ? (question.unit ?? null) : null,
          choices:
            question.type === 'single' || question.type === 'multiple'
              ? order.map((k) => question.options[k]!.text)
              : question.type === 'ordering'
                ? order.map((k) => question.items[k]!.text)
                : [],
          saved: attempt.answers[`q${index}`] ?? null,
        })),
      },
      result: null,
    }
  }
  const review = quiz.settings.review
  const graded = attempt.graded ?? []
  const year = isoDateInVietnam(attempt.submittedAt).slice(0, 4)
  const completion = listCompletionsForPerson({ personId }).find((c) => c.courseId === course.id && !c.revokedAt && (!course.yearly || c.completedOn.startsWith(year)))
  return {
    ...header,
    open: null,
    result: {
      score: attempt.score ?? 0,
      passed: attempt.passed ?? false,
      late: attempt.deadlineAt !== null && attempt.submittedAt > attempt.deadlineAt,
      completion: completion ? { completedOn: completion.completedOn, code: completion.certificateCode } : null,
      review,
      questions:
        review === 'score'
          ? []
          : attempt.shown.map((shown, index) => ({
              prompt: shown.question.prompt,
              score: graded[index]?.score ?? 0,
              answered: graded[index]?.answered ?? false,
              answer: describeAnswer(shown, attempt.answers[`q${index}`]),
              key: review === 'full' ? describeKey(shown.question) : null,
              explanation: review === 'full' ? shown.question.explanation : null,
            })),
    },
  }
}

function postedAnswers(form: FormData): Record<string, string[]> {
  const posted: Record<string, string[]> = {}
  for (const key of new Set(form.keys())) if (key !== 'intent') posted[key] = form.getAll(key).map(String)
  return posted
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, source, personId, attempt } = await loadAttempt(request, params)
  const form = await request.formData()
  const intent = form.get('intent')
  const here = `/courses/${course.id}/quiz/${attempt.id}`
  if (intent === 'save') {
    const result = saveAnswers({ attemptId: attempt.id, personId, posted: postedAnswers(form) })
    if (result === 'saved') return redirect(`${here}?saved=${Date.now()}`)
    if (result === 'not_found') throw new Response('Not found', { status: 404 })
    if (result === 'finished' || result === 'expired') return data({ error: result }, { status: 409 })
    return data({ error: 'tampered' as const }, { status: 403 })
  }
  if (intent === 'submit') {
    const result = submitAttempt({ attemptId: attempt.id, personId, course: source, posted: postedAnswers(form) })
    if (result.status === 'not_found') throw new Response('Not found', { status: 404 })
    if (result.status === 'invalid') return data({ error: 'tampered' as const }, { status: 403 })
    return redirect(here)
  }
  throw new Response('Bad request', { status: 400 })
}

function Answer({ items }: { items: Display[] }) {
  const t = useT()
  const locale = useLocale()
  if (!items.length) return <>{t('result.noAnswer')}</>
  return (
    <>
      {items
        .map((item) =>
          item.kind === 'choice' || item.kind === 'text'
            ? item.text
            : item.kind === 'truefalse'
              ? item.value
                ? t('quiz.true')
                : t('quiz.false')
              : `${formatNumber(item.value, { decimals: Number.isInteger(item.value) ? 0 : 2, locale })}${item.unit ? ` ${item.unit}` : ''}`,
        )
        .join(' → ')}
    </>
  )
}

type OpenQuestion = NonNullable<Awaited<ReturnType<typeof loader>>['open']>['questions'][number]

function QuestionField({ question }: { question: OpenQuestion }) {
  const t = useT()
  const name = `q${question.index}`
  const saved = question.saved === null ? [] : Array.isArray(question.saved) ? question.saved : [question.saved]
  const legendId = `${name}-legend`
  if (question.type === 'single' || question.type === 'multiple' || question.type === 'truefalse') {
    const choices = question.type === 'truefalse' ? [t('quiz.true'), t('quiz.false')] : question.choices
    const values = question.type === 'truefalse' ? ['true', 'false'] : question.choices.map((_, i) => String(i))
    return (
      <fieldset className="quiz-question" aria-describedby={`${name}-hint`}>
        <legend id={legendId}>
          <span className="quiz-number">{t('quiz.question', { n: question.index + 1 })}</span> {question.prompt}
        </legend>
        <p className="field-hint" id={`${name}-hint`}>
          {question.type === 'single' ? t('quiz.chooseOne') : question.type === 'multiple' ? t('quiz.chooseMany') : t('quiz.trueFalse')}
        </p>
        {choices.map((text, i) => (
          <label key={values[i]} className="quiz-choice">
            <input
              type={question.type === 'multiple' ? 'checkbox' : 'radio'}
              name={name}
              value={values[i]}
              defaultChecked={saved.includes(values[i]!)}
            />
            <span>{text}</span>
          </label>
        ))}
      </fieldset>
    )
  }
  if (question.type === 'ordering') {
    return (
      <fieldset className="quiz-question" aria-describedby={`${name}-hint`}>
        <legend>
          <span className="quiz-number">{t('quiz.question', { n: question.index + 1 })}</span> {question.prompt}
        </legend>
        <p className="field-hint" id={`${name}-hint`}>
          {t('quiz.orderingHint')}
        </p>
        {question.choices.map((text, k) => (
          <div key={k} className="quiz-order">
            <select name={name} defaultValue={saved[k] ?? ''} aria-label={t('quiz.positionOf', { item: text })}>
              <option value="">{t('quiz.position')}</option>
              {question.choices.map((_, p) => (
                <option key={p} value={String(p + 1)}>
                  {p + 1}
                </option>
              ))}
            </select>
            <span>{text}</span>
          </div>
        ))}
      </fieldset>
    )
  }
  return (
    <div className="quiz-question">
      <p className="quiz-prompt" id={legendId}>
        <span className="quiz-number">{t('quiz.question', { n: question.index + 1 })}</span> {question.prompt}
      </p>
      <div className="field">
        <label htmlFor={name}>{t('quiz.yourAnswer')}</label>
        <p className="field-hint" id={`${name}-hint`}>
          {question.type === 'numeric' ? t('quiz.numericHint') : t('quiz.textHint')}
        </p>
        <span className="quiz-input">
          <input
            id={name}
            name={name}
            type="text"
            inputMode={question.type === 'numeric' ? 'decimal' : 'text'}
            autoComplete="off"
            maxLength={200}
            defaultValue={saved[0] ?? ''}
            aria-describedby={`${legendId} ${name}-hint`}
          />
          {question.unit ? <span aria-hidden="true">{question.unit}</span> : null}
        </span>
      </div>
    </div>
  )
}

export default function AttemptPage() {
  const { course, passMark, open, result } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const busy = navigation.state !== 'idle'
  const saved = searchParams.get('saved')
  return (
    <article className="quiz-page">
      <nav aria-label={t('lesson.breadcrumb')} className="breadcrumb">
        <Link to={`/courses/${course.id}`}>{course.title}</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/courses/${course.id}/quiz`}>{t('course.quizTitle')}</Link>
      </nav>
      {open ? (
        <>
          <h1>{t('quiz.title', { course: course.title })}</h1>
          {open.deadlineAt ? <p className="notice">{t('quiz.deadline', { time: formatDateTime(open.deadlineAt) })}</p> : null}
          {actionData && 'error' in actionData ? (
            <p className="form-error" role="alert">
              {actionData.error === 'tampered' ? t('quiz.tampered') : actionData.error === 'expired' ? t('quiz.expired') : t('quiz.finished')}
            </p>
          ) : saved && /^\d+$/.test(saved) ? (
            <p className="notice" role="status">
              {t('quiz.saved', { time: formatDateTime(Number(saved)) })}
            </p>
          ) : null}
          <Form method="post" className="quiz-form">
            {open.questions.map((question) => (
              <QuestionField key={question.index} question={question} />
            ))}
            <p className="muted">{t('quiz.submitNote')}</p>
            <div className="quiz-actions">
              <button type="submit" name="intent" value="save" className="button button-quiet" disabled={busy}>
                {t('quiz.save')}
              </button>
              <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
                {busy && navigation.formData?.get('intent') === 'submit' ? t('quiz.submitting') : t('quiz.submit')}
              </button>
            </div>
          </Form>
        </>
      ) : result ? (
        <>
          <h1>{t('result.title')}</h1>
          <div className={`card result-card ${result.passed ? 'result-passed' : 'result-failed'}`} role="status">
            <p className="result-score">{t('result.score', { score: formatPercent(result.score, { locale }) })}</p>
            <p>{result.passed ? t('result.passed', { passMark }) : t('result.failed', { passMark })}</p>
            {result.late ? <p className="muted">{t('result.late')}</p> : null}
            {result.completion ? (
              <p>
                {t('result.completed', { date: formatDate(result.completion.completedOn) })}{' '}
                <Link to={`/certificates/${result.completion.code}`} className="button">
                  {t('result.certificate')}
                </Link>{' '}
                <span className="muted">{formatCertificateCode(result.completion.code)}</span>
              </p>
            ) : null}
            <p className="quiz-actions">
              {!result.passed ? (
                <Link to={`/courses/${course.id}/quiz`} className="button">
                  {t('result.retry')}
                </Link>
              ) : null}
              <Link to={`/courses/${course.id}`} className="button button-quiet">
                {t('result.backToCourse')}
              </Link>
            </p>
          </div>
          {result.review === 'score' ? (
            <p className="muted">{t('result.reviewScoreOnly')}</p>
          ) : (
            <ol className="review-list">
              {result.questions.map((q, i) => {
                const verdict = !q.answered ? 'unanswered' : q.score === 1 ? 'right' : q.score > 0 ? 'partial' : 'wrong'
                return (
                  <li key={i} className={`card review-${verdict}`}>
                    <p className="quiz-prompt">{q.prompt}</p>
                    <p>
                      <span className={`status ${verdict === 'right' ? 'status-done' : verdict === 'partial' ? 'status-in_progress' : 'status-overdue'}`}>
                        {t(`result.${verdict}`)}
                      </span>
                    </p>
                    <p>
                      {t('result.yourAnswer', { answer: '' })}
                      <Answer items={q.answer} />
                    </p>
                    {q.key ? (
                      <p>
                        {t('result.correctAnswer', { answer: '' })}
                        <Answer items={q.key} />
                      </p>
                    ) : null}
                    {q.explanation ? <p className="muted">{t('result.explanation', { text: q.explanation })}</p> : null}
                  </li>
                )
              })}
            </ol>
          )}
        </>
      ) : null}
    </article>
  )
}
