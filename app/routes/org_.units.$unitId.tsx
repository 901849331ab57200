import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { hasRole, requireRole, requireUnitScope } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { Field, TextareaField } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { SelectField } from '~/components/ui/field'
import { UNIT_KINDS, type UnitKind } from '~/db/enums'
import { addDays, formatDate, formatNumber, isoDateInVietnam, parseViDate } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { fieldErrors, type FieldError } from '~/models/lineage-form'
import { previewLineageEvent, recordLineageEvent, type LineageEffects, type LineageEventInput } from '~/models/lineage.server'
import { getUnitHistory, listUnitsAsOf, orderAsTree } from '~/models/units.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'unit.title')

const EVENT_TYPES = ['rename', 'move', 'merge', 'split', 'dissolve'] as const
type EventType = (typeof EVENT_TYPES)[number]
const SPLIT_ROWS = 4

function notFound(): Response {
  return new Response('Not found', { status: 404 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const unitId = params.unitId ?? ''
  // HR sees every unit; a unit head only the units of their own subtree.
  const user = await requireUnitScope(request, unitId)
  const history = getUnitHistory({ unitId })
  if (!history) throw notFound()
  const url = new URL(request.url)
  const canEdit = hasRole(user, ['hr', 'admin']) && history.current.validTo === null
  const today = isoDateInVietnam()
  const units = canEdit ? orderAsTree(listUnitsAsOf({ asOf: today })).map((u) => ({ code: u.code, name: u.name, depth: u.depth, id: u.id })) : []
  return {
    history,
    canEdit,
    units,
    recorded: url.searchParams.get('recorded') === '1',
    created: url.searchParams.get('created') === '1',
  }
}

const text = (max = 400) => z.string().max(max).default('')
const EventForm = z.object({
  intent: z.enum(['preview', 'confirm', 'edit']).default('preview'),
  type: z.enum(EVENT_TYPES),
  date: text(40),
  decisionNumber: text(),
  decisionDate: text(40),
  decisionIssuer: text(),
  note: text(2000),
  newName: text(),
  newCode: text(100),
  newParentCode: text(100),
  otherCodes: text(2000),
  intoCode: text(100),
  intoName: text(),
  intoKind: text(40),
  intoParentCode: text(100),
  ...Object.fromEntries(Array.from({ length: SPLIT_ROWS }, (_, i) => [[`into${i}Code`, text(100)], [`into${i}Name`, text()], [`into${i}Kind`, text(40)]]).flat()),
})
type EventValues = Record<string, string> & { type: EventType }

function isoOf(input: string): string {
  const trimmed = input.trim()
  return parseViDate(trimmed) ?? trimmed
}

/** The form's flat fields → the API's event (the same validation then applies to both). */
function toEvent(values: EventValues, code: string): LineageEventInput {
  const base = {
    date: isoOf(values.date ?? ''),
    decision: { number: values.decisionNumber ?? '', date: isoOf(values.decisionDate ?? ''), issuer: values.decisionIssuer ?? '' },
    note: values.note || undefined,
  }
  switch (values.type) {
    case 'rename':
      return { type: 'rename', code, newName: values.newName ?? '', newCode: values.newCode?.trim() || undefined, ...base }
    case 'move':
      return { type: 'move', code, newParentCode: values.newParentCode ?? '', ...base }
    case 'merge': {
      const others = (values.otherCodes ?? '').split(/[\s,;]+/).filter(Boolean)
      return {
        type: 'merge',
        fromCodes: [code, ...others],
        into: { code: values.intoCode ?? '', name: values.intoName ?? '', kind: values.intoKind as UnitKind, parentCode: values.intoParentCode?.trim() || null },
        ...base,
      }
    }
    case 'split': {
      const into = Array.from({ length: SPLIT_ROWS }, (_, i) => ({
        code: values[`into${i}Code`] ?? '',
        name: values[`into${i}Name`] ?? '',
        kind: (values[`into${i}Kind`] || 'phong') as UnitKind,
      })).filter((row, i) => i < 2 || row.code.trim() || row.name.trim())
      return { type: 'split', fromCode: code, into, ...base }
    }
    case 'dissolve':
      return { type: 'dissolve', code, ...base }
  }
}

type ActionData =
  | { stage: 'form'; values: EventValues; errors: Record<string, FieldError> }
  | { stage: 'preview'; values: EventValues; effects: LineageEffects; date: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  const unitId = params.unitId ?? ''
  const history = getUnitHistory({ unitId })
  if (!history) throw notFound()
  const form = EventForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('Bad request', { status: 400 })
  const { intent, ...rest } = form.data
  const values = rest as EventValues
  if (intent === 'edit') return data<ActionData>({ stage: 'form', values, errors: {} })
  const event = toEvent(values, history.current.code)
  if (intent === 'preview') {
    const preview = previewLineageEvent(event)
    if (!preview.ok) return data<ActionData>({ stage: 'form', values, errors: fieldErrors(preview.details) }, { status: preview.status })
    return data<ActionData>({ stage: 'preview', values, effects: preview.effects, date: event.date })
  }
  const { actorUserId, actorTokenId } = actorOf(user)
  const result = recordLineageEvent({ ...event, actor: { userId: actorUserId, tokenId: actorTokenId } })
  if (!result.ok) return data<ActionData>({ stage: 'form', values, errors: fieldErrors(result.details) }, { status: result.status })
  const next = event.type === 'merge' ? result.unitIds[0]! : unitId
  return redirect(`/org/units/${encodeURIComponent(next)}?recorded=1`)
}

export default function UnitPage() {
  const { history, canEdit, units, recorded, created } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useT()
  const current = history.current
  const link = (u: { id: string; code: string; name: string }) => (
    <Link to={`/org/units/${encodeURIComponent(u.id)}`}>
      {u.name} (<code>{u.code}</code>)
    </Link>
  )
  return (
    <>
      <p className="no-print">
        <Link to="/org">← {t('unit.back')}</Link>
      </p>
      <PageHeader title={current.name} intro={`${t('unit.title')} · ${current.code} · ${t(`unitKind.${current.kind}`)}`} />
      {recorded ? (
        <p className="notice notice-ok" role="status">
          {t('unit.recorded')}
        </p>
      ) : null}
      {created ? (
        <p className="notice notice-ok" role="status">
          {t('unit.created')}
        </p>
      ) : null}
      {current.validTo ? <p className="notice">{t('unit.endedOn', { date: formatDate(current.validTo) })}</p> : null}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('unit.versionsTitle')}</h2>
        <div className="table-scroll">
          <table className="unit-versions">
            <thead>
              <tr>
                <th scope="col">{t('unit.colFrom')}</th>
                <th scope="col">{t('unit.colTo')}</th>
                <th scope="col">{t('unit.colName')}</th>
                <th scope="col">{t('unit.colCode')}</th>
                <th scope="col">{t('unit.colParent')}</th>
              </tr>
            </thead>
            <tbody>
              {history.versions.map((v) => (
                <tr key={v.validFrom}>
                  <td>{formatDate(v.validFrom)}</td>
                  <td>{v.validTo ? formatDate(v.validTo) : t('unit.open')}</td>
                  <td>{v.name}</td>
                  <td>
                    <code>{v.code}</code>
                  </td>
                  <td>{v.parentId ? link({ id: v.parentId, code: v.parentCode ?? '', name: v.parentName ?? '' }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('unit.eventsTitle')}</h2>
        {history.events.length ? (
          <ol className="unit-events">
            {history.events.map((e) => (
              <li key={e.id} className="card">
                <p className="unit-event-head">
                  <strong>{t(`unit.event.${e.type as EventType | 'create'}`)}</strong> · {formatDate(e.date)}
                </p>
                <p>{t('unit.decision', { number: e.decision.number, date: formatDate(e.decision.date), issuer: e.decision.issuer })}</p>
                {e.note ? <p className="muted">{e.note}</p> : null}
                {e.predecessors.length ? (
                  <p>
                    {t('unit.predecessors')}{' '}
                    {e.predecessors.map((p, i) => (
                      <span key={p.id}>
                        {i ? ', ' : ''}
                        {link(p)}
                      </span>
                    ))}
                  </p>
                ) : null}
                {e.successors.length ? (
                  <p>
                    {t('unit.successors')}{' '}
                    {e.successors.map((s, i) => (
                      <span key={s.id}>
                        {i ? ', ' : ''}
                        {link(s)}
                      </span>
                    ))}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('unit.noEvents')}</p>
        )}
      </section>

      {canEdit ? (
        <section aria-labelledby="record-title" className="unit-record">
          <h2 id="record-title">{t('unit.recordTitle')}</h2>
          <p className="muted">{t('unit.recordIntro')}</p>
          {actionData?.stage === 'preview' ? (
            <PreviewPanel values={actionData.values} effects={actionData.effects} date={actionData.date} />
          ) : (
            EVENT_TYPES.map((type) => (
              <EventFormPanel
                key={type}
                type={type}
                units={units.filter((u) => u.code !== current.code)}
                values={actionData?.stage === 'form' && actionData.values.type === type ? actionData.values : null}
                errors={actionData?.stage === 'form' && actionData.values.type === type ? actionData.errors : {}}
              />
            ))
          )}
        </section>
      ) : null}
    </>
  )
}

function PreviewPanel({ values, effects, date }: { values: EventValues; effects: LineageEffects; date: string }) {
  const t = useT()
  const locale = useLocale()
  const navigation = useNavigation()
  const n = (x: number) => formatNumber(x, { locale })
  const names = (list: { name: string; code: string }[]) => list.map((u) => `${u.name} (${u.code})`).join(', ')
  const lines: string[] = []
  if (effects.created.length) lines.push(t('unit.preview.creates', { date: formatDate(date), names: names(effects.created) }))
  if (effects.ended.length) lines.push(t('unit.preview.ends', { date: formatDate(addDays(date, -1)), names: names(effects.ended) }))
  if (effects.successor) {
    lines.push(t('unit.preview.moved', { n: n(effects.peopleMoved), name: effects.successor.name, date: formatDate(date) }))
    if (effects.childrenMoved.length) {
      lines.push(t('unit.preview.children', { n: n(effects.childrenMoved.length), name: effects.successor.name, codes: effects.childrenMoved.map((c) => c.code).join(', ') }))
    }
    if (effects.grantsMoved) lines.push(t('unit.preview.grants', { n: n(effects.grantsMoved), name: effects.successor.name }))
  } else if (values.type === 'dissolve') {
    lines.push(t('unit.preview.ended', { n: n(effects.peopleEnded), name: effects.ended[0]?.name ?? '', date: formatDate(addDays(date, -1)) }))
  } else {
    lines.push(t('unit.preview.nobody'))
  }
  return (
    <div className="card unit-preview" role="status">
      <h3>{t('unit.previewTitle', { event: t(`unit.event.${values.type}`) })}</h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Form method="post" className="inline-form">
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="intent" value="confirm" className="button" disabled={navigation.state === 'submitting'}>
          {t('unit.confirm')}
        </button>
        <button type="submit" name="intent" value="edit" className="button button-quiet">
          {t('unit.cancel')}
        </button>
      </Form>
    </div>
  )
}

function EventFormPanel({
  type,
  units,
  values,
  errors,
}: {
  type: EventType
  units: { code: string; name: string; depth: number }[]
  values: EventValues | null
  errors: Record<string, FieldError>
}) {
  const t = useT()
  const v = (name: string, fallback = '') => values?.[name] ?? fallback
  const err = (field: string) => (errors[field] ? t(errors[field].key, errors[field].params) : null)
  const id = (name: string) => `${type}-${name}`
  const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))
  const unitOptions = units.map((u) => ({ value: u.code, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})` }))
  let fields: ReactNode = null
  if (type === 'rename') {
    fields = (
      <div className="form-grid">
        <Field id={id('newName')} name="newName" label={t('unit.rename.newName')} defaultValue={v('newName')} required error={err('newName')} />
        <Field id={id('newCode')} name="newCode" label={t('unit.rename.newCode')} hint={t('unitForm.codeHint')} defaultValue={v('newCode')} maxLength={32} error={err('newCode')} />
      </div>
    )
  } else if (type === 'move') {
    fields = <SelectField id={id('newParentCode')} name="newParentCode" label={t('unit.move.newParent')} defaultValue={v('newParentCode', units[0]?.code ?? '')} options={unitOptions} error={err('newParentCode')} />
  } else if (type === 'merge') {
    fields = (
      <>
        <p className="muted">{t('unit.merge.intro')}</p>
        <Field id={id('otherCodes')} name="otherCodes" label={t('unit.merge.others')} hint={t('unit.merge.othersHint')} defaultValue={v('otherCodes')} required error={err('otherCodes')} />
        <div className="form-grid">
          <Field id={id('intoCode')} name="intoCode" label={t('unit.merge.intoCode')} hint={t('unitForm.codeHint')} defaultValue={v('intoCode')} maxLength={32} required error={err('intoCode')} />
          <Field id={id('intoName')} name="intoName" label={t('unit.merge.intoName')} defaultValue={v('intoName')} required error={err('intoName')} />
          <SelectField id={id('intoKind')} name="intoKind" label={t('unit.merge.intoKind')} defaultValue={v('intoKind', 'phong')} options={kindOptions} error={err('intoKind')} />
          <SelectField
            id={id('intoParentCode')}
            name="intoParentCode"
            label={t('unit.merge.intoParent')}
            defaultValue={v('intoParentCode', units[0]?.code ?? '')}
            options={[{ value: '', label: t('unitForm.noParent') }, ...unitOptions]}
            error={err('intoParentCode')}
          />
        </div>
      </>
    )
  } else if (type === 'split') {
    fields = (
      <>
        <p className="muted">{t('unit.split.intro')}</p>
        {Array.from({ length: SPLIT_ROWS }, (_, i) => (
          <fieldset key={i} className="unit-successor">
            <legend>{t('unit.split.successor', { n: i + 1 })}</legend>
            <div className="form-grid">
              <Field id={id(`into${i}Code`)} name={`into${i}Code`} label={t('unitForm.code')} defaultValue={v(`into${i}Code`)} maxLength={32} error={err(`into${i}Code`)} />
              <Field id={id(`into${i}Name`)} name={`into${i}Name`} label={t('unitForm.name')} defaultValue={v(`into${i}Name`)} error={err(`into${i}Name`)} />
              <SelectField id={id(`into${i}Kind`)} name={`into${i}Kind`} label={t('unitForm.kind')} defaultValue={v(`into${i}Kind`, 'phong')} options={kindOptions} error={err(`into${i}Kind`)} />
            </div>
          </fieldset>
        ))}
      </>
    )
  } else {
    fields = <p className="muted">{t('unit.dissolve.intro')}</p>
  }
  const open = values !== null
  return (
    <details className="card unit-event-form" open={open}>
      <summary>{t(`unit.${type}.title`)}</summary>
      {errors[''] ? (
        <p className="form-error" role="alert">
          {t(errors[''].key, errors[''].params)}
        </p>
      ) : Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {t('unitForm.formError')}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="type" value={type} />
        {fields}
        <fieldset className="unit-decision">
          <legend>{t('unitForm.decisionLegend')}</legend>
          <div className="form-grid">
            <Field id={id('date')} name="date" label={t('unitForm.date')} hint={t('unitForm.dateHint')} inputMode="numeric" defaultValue={v('date')} required error={err('date')} />
            <Field id={id('decisionNumber')} name="decisionNumber" label={t('unitForm.decisionNumber')} hint={t('unitForm.decisionNumberHint')} defaultValue={v('decisionNumber')} required error={err('decisionNumber')} />
            <Field id={id('decisionDate')} name="decisionDate" label={t('unitForm.decisionDate')} hint={t('unitForm.dateHint')} inputMode="numeric" defaultValue={v('decisionDate')} required error={err('decisionDate')} />
            <Field id={id('decisionIssuer')} name="decisionIssuer" label={t('unitForm.decisionIssuer')} hint={t('unitForm.decisionIssuerHint')} defaultValue={v('decisionIssuer')} required error={err('decisionIssuer')} />
          </div>
          <TextareaField id={id('note')} name="note" label={t('unitForm.note')} rows={2} defaultValue={v('note')} error={err('note')} />
        </fieldset>
        <button type="submit" name="intent" value="preview" className="button">
          {t('unit.previewButton')}
        </button>
      </Form>
    </details>
  )
}
