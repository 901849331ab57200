import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { hasRole, requireRole } from '~/auth/guards.server'
import { Field } from '~/components/ui/field'
import { PageHeader } from '~/components/ui/page-header'
import { ROLES, type Role } from '~/db/enums'
import type { MessageKey } from '~/i18n'
import { formatDate, formatDateTime, formatFullName, formatPercent, isoDateInVietnam } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { useLocale, useT } from '~/i18n/use-t'
import { countActiveSessions, endAccountSessions } from '~/models/accounts.server'
import { formatCertificateCode } from '~/models/certificate-code'
import {
  getPersonAccount,
  getPersonRecord,
  grantRole,
  isPersonInScope,
  maskNationalId,
  NAME_PART_MAX,
  renamePerson,
  resolveScopeUnitIds,
  revokeRole,
  suggestUsername,
} from '~/models/people.server'
import { listUnitsAsOf, orderAsTree } from '~/models/units.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'person.title')

function notFound(): Response {
  return new Response('Not found', { status: 404 })
}

/** The person, if the user may see them today: HR and admins everyone, a unit head only people in their units now. */
async function guardPerson(request: Request, personId: string | undefined, roles: Role | readonly Role[]) {
  const user = await requireRole(request, roles)
  const asOf = isoDateInVietnam()
  const id = z.string().min(1).max(100).safeParse(personId)
  if (!id.success) throw notFound()
  const scope = resolveScopeUnitIds({ grants: user.roles, asOf })
  if (!isPersonInScope({ personId: id.data, scopeUnitIds: scope, asOf })) throw notFound()
  return { user, asOf, personId: id.data }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, asOf, personId } = await guardPerson(request, params.personId, ['unit_head', 'hr'])
  const record = getPersonRecord({ personId })
  if (!record) throw notFound()
  const isHr = hasRole(user, ['hr', 'admin'])
  const isAdmin = hasRole(user, 'admin')
  const account = isAdmin ? getPersonAccount({ personId, asOf }) : null
  return {
    person: {
      id: record.id,
      name: formatFullName(record),
      ho: record.ho,
      chuDem: record.chuDem,
      ten: record.ten,
      fullNameOriginal: record.fullNameOriginal,
      nationalId: isHr ? record.nationalId : maskNationalId(record.nationalId),
      nationalIdMasked: !isHr,
      birthDate: record.birthDate,
      sex: record.sex,
      email: record.email,
      rank: record.rank,
      staffType: record.staffType,
      leftOn: record.leftOn,
    },
    assignments: record.assignments.map((a) => ({ id: a.id, unitName: a.unitName, position: a.position, validFrom: a.validFrom, validTo: a.validTo })),
    training: record.training.map((r) => ({
      key: `${r.kind}-${r.id}`,
      kind: r.kind,
      title: r.title,
      completedOn: r.completedOn,
      score: r.score,
      certificate: r.certificateCode && isHr ? formatCertificateCode(r.certificateCode) : null,
      revoked: r.revoked,
      source: r.source,
    })),
    canRename: isHr,
    nameMax: NAME_PART_MAX,
    roles: isAdmin
      ? {
          account: account && {
            username: account.username,
            disabled: account.disabled,
            grants: account.grants,
            activeSessions: countActiveSessions({ userId: account.userId }),
          },
          suggestedUsername: account ? null : suggestUsername({ name: record }),
          units: orderAsTree(listUnitsAsOf({ asOf })).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
        }
      : null,
  }
}

const RenameForm = z.object({ intent: z.literal('rename'), ho: z.string().max(500), chuDem: z.string().max(500), ten: z.string().max(500) })
const GrantForm = z.object({
  intent: z.literal('grant'),
  role: z.enum(ROLES),
  unit: z.string().max(100).default(''),
  username: z.string().max(100).default(''),
})
const RevokeForm = z.object({ intent: z.literal('revoke'), grantId: z.coerce.number().int().positive() })
const EndSessionsForm = z.object({ intent: z.literal('endSessions') })
const ActionForm = z.discriminatedUnion('intent', [RenameForm, GrantForm, RevokeForm, EndSessionsForm])

type ActionData =
  | { intent: 'rename'; values: { ho: string; chuDem: string; ten: string }; errors: Partial<Record<'ho' | 'chuDem' | 'ten', MessageKey>> }
  | { intent: 'grant'; values: { role: string; unit: string; username: string }; error: MessageKey | null; created: { username: string; initialPassword: string } | null }
  | { intent: 'revoke'; error: MessageKey }

export async function action({ request, params }: ActionFunctionArgs) {
  // Sign-in and role first, so nobody learns anything from how a bad form is answered.
  await requireRole(request, ['unit_head', 'hr'])
  const form = ActionForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('Bad request', { status: 400 })
  const input = form.data
  if (input.intent === 'rename') {
    const { user, personId } = await guardPerson(request, params.personId, 'hr')
    const result = renamePerson({ personId, ho: input.ho, chuDem: input.chuDem, ten: input.ten, actorUserId: user.id })
    if (result.ok) return redirect(`/people/${encodeURIComponent(personId)}?renamed=1`)
    if (result.error === 'not_found') throw notFound()
    const errors: Partial<Record<'ho' | 'chuDem' | 'ten', MessageKey>> = {}
    for (const [field, problem] of Object.entries(result.fields)) {
      errors[field as 'ho'] = problem === 'required' ? 'person.tenRequired' : 'person.tooLong'
    }
    return data<ActionData>({ intent: 'rename', values: { ho: input.ho, chuDem: input.chuDem, ten: input.ten }, errors }, { status: 400 })
  }
  const { user, personId, asOf } = await guardPerson(request, params.personId, 'admin')
  if (input.intent === 'endSessions') {
    const account = getPersonAccount({ personId, asOf })
    if (!account) throw notFound()
    const { endedSessions } = endAccountSessions({ userId: account.userId, actorUserId: user.id })
    return redirect(`/people/${encodeURIComponent(personId)}?sessionsEnded=${endedSessions}#sessions`)
  }
  if (input.intent === 'revoke') {
    const result = revokeRole({ personId, grantId: input.grantId, actorUserId: user.id })
    if (result.ok) return redirect(`/people/${encodeURIComponent(personId)}?revoked=1#roles`)
    return data<ActionData>({ intent: 'revoke', error: 'person.revokeError' }, { status: 409 })
  }
  const result = await grantRole({ personId, role: input.role, unitId: input.unit || null, username: input.username || null, actorUserId: user.id, asOf })
  const values = { role: input.role, unit: input.unit, username: input.username }
  if (!result.ok) {
    if (result.error === 'not_found') throw notFound()
    return data<ActionData>({ intent: 'grant', values, error: `person.grantError.${result.error}`, created: null }, { status: result.error === 'already_granted' || result.error === 'username_taken' ? 409 : 400 })
  }
  // The initial password is in this one response only; it is stored hashed.
  const created = result.account.created ? { username: result.account.username, initialPassword: result.account.initialPassword } : null
  if (!created) return redirect(`/people/${encodeURIComponent(personId)}?granted=1#roles`)
  return data<ActionData>({ intent: 'grant', values: { role: 'learner', unit: '', username: '' }, error: null, created })
}

export default function PersonPage() {
  const { person, assignments, training, canRename, nameMax, roles } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const rename = actionData?.intent === 'rename' ? actionData : null
  const grant = actionData?.intent === 'grant' ? actionData : null
  const revokeError = actionData?.intent === 'revoke' ? actionData.error : null
  const usernameError = grant?.error === 'person.grantError.bad_username' || grant?.error === 'person.grantError.username_taken' ? grant.error : null
  const none = t('person.none')
  const ended = searchParams.get('sessionsEnded')
  const sessionsEnded = ended !== null && /^\d{1,6}$/.test(ended) ? Number(ended) : null
  const notice = searchParams.get('renamed')
    ? t('person.renamed')
    : searchParams.get('granted')
      ? t('person.granted')
      : searchParams.get('revoked')
        ? t('person.revokedRole')
        : null
  return (
    <>
      <p className="breadcrumb">
        <Link to="/people">← {t('people.back')}</Link>
      </p>
      <PageHeader title={person.name} intro={t('person.title')} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('person.details')}</h2>
        <dl className="details-list">
          <dt>{t('person.ho')}</dt>
          <dd>{person.ho || none}</dd>
          <dt>{t('person.chuDem')}</dt>
          <dd>{person.chuDem || none}</dd>
          <dt>{t('person.ten')}</dt>
          <dd>{person.ten}</dd>
          {person.fullNameOriginal ? (
            <>
              <dt>{t('person.originalName')}</dt>
              <dd>{person.fullNameOriginal}</dd>
            </>
          ) : null}
          <dt>{t('person.nationalId')}</dt>
          <dd>
            <code>{person.nationalId}</code>
            {person.nationalIdMasked ? <span className="muted"> ({t('person.nationalIdMasked')})</span> : null}
          </dd>
          <dt>{t('person.birthDate')}</dt>
          <dd>{formatDate(person.birthDate) || none}</dd>
          <dt>{t('person.sex')}</dt>
          <dd>{person.sex ? t(`person.sex.${person.sex}`) : none}</dd>
          <dt>{t('person.staffType')}</dt>
          <dd>{t(`staffType.${person.staffType}`)}</dd>
          <dt>{t('person.rank')}</dt>
          <dd>{person.rank || none}</dd>
          <dt>{t('person.email')}</dt>
          <dd className="break-anywhere">{person.email || none}</dd>
          {person.leftOn ? (
            <>
              <dt>{t('person.leftOn')}</dt>
              <dd>{formatDate(person.leftOn)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <h2>{t('person.assignments')}</h2>
      {assignments.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t('person.assignmentsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.colUnit')}</th>
                <th scope="col">{t('person.colPosition')}</th>
                <th scope="col">{t('person.colFrom')}</th>
                <th scope="col">{t('person.colTo')}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <td>{a.unitName}</td>
                  <td>{a.position || t('person.noPosition')}</td>
                  <td>{formatDate(a.validFrom)}</td>
                  <td>{a.validTo ? formatDate(a.validTo) : t('person.current')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('person.noAssignments')}</p>
      )}

      <h2>{t('person.training')}</h2>
      {training.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t('person.trainingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.colCourse')}</th>
                <th scope="col">{t('person.colDate')}</th>
                <th scope="col" className="num">
                  {t('person.colScore')}
                </th>
                <th scope="col">{t('person.colProof')}</th>
              </tr>
            </thead>
            <tbody>
              {training.map((r) => (
                <tr key={r.key}>
                  <td>
                    {r.title} {r.kind === 'external' ? <span className="badge badge-external">{t('person.external')}</span> : null}
                  </td>
                  <td>{formatDate(r.completedOn)}</td>
                  <td className="num">{r.score === null ? none : formatPercent(r.score, { locale, decimals: 0 })}</td>
                  <td>
                    {r.kind === 'external' ? (
                      t('person.externalSource', { source: r.source ?? '' })
                    ) : r.revoked ? (
                      <span className="status status-overdue">{t('person.revoked')}</span>
                    ) : r.certificate ? (
                      <Link to={`/certificates/${r.certificate}`}>{t('person.certificate')}</Link>
                    ) : (
                      none
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('person.noTraining')}</p>
      )}

      {canRename ? (
        <section className="card person-section" aria-labelledby="rename-title">
          <h2 id="rename-title">{t('person.rename')}</h2>
          <p className="muted">{t('person.renameIntro')}</p>
          <Form method="post" noValidate className="name-form">
            <input type="hidden" name="intent" value="rename" />
            {(['ho', 'chuDem', 'ten'] as const).map((part) => (
              <Field
                key={part}
                id={part}
                name={part}
                label={t(`person.${part}`)}
                defaultValue={rename ? rename.values[part] : person[part]}
                maxLength={nameMax}
                required={part === 'ten'}
                error={rename?.errors[part] ? t(rename.errors[part]!, { max: nameMax }) : null}
              />
            ))}
            <button type="submit" className="button">
              {t('person.renameSubmit')}
            </button>
          </Form>
        </section>
      ) : null}

      {roles?.account ? (
        <section className="card person-section" id="sessions" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t('person.sessions.title')}</h2>
          {sessionsEnded !== null ? (
            <p className="notice" role="status">
              {t('person.sessions.ended', { n: sessionsEnded })}
            </p>
          ) : null}
          <p>{t('person.sessions.count', { n: roles.account.activeSessions })}</p>
          <p className="muted" id="end-sessions-hint">
            {t('person.sessions.hint')}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="endSessions" />
            <button type="submit" className="button button-quiet" aria-describedby="end-sessions-hint">
              {t('person.sessions.end')}
            </button>
          </Form>
        </section>
      ) : null}

      {roles ? (
        <section className="card person-section" id="roles" aria-labelledby="roles-title">
          <h2 id="roles-title">{t('person.roles')}</h2>
          {grant?.created ? (
            <div className="notice" role="status">
              <p>{t('person.accountCreated', { username: grant.created.username })}</p>
              <p>
                <code className="one-time-secret">{grant.created.initialPassword}</code>
              </p>
            </div>
          ) : null}
          {revokeError ? (
            <p className="form-error" role="alert">
              {t(revokeError)}
            </p>
          ) : null}
          {roles.account ? (
            <>
              <p>
                {t('person.username')}: <code>{roles.account.username}</code>
              </p>
              {roles.account.disabled ? <p className="muted">{t('person.accountDisabled')}</p> : null}
              {roles.account.grants.length ? (
                <div className="table-scroll">
                  <table>
                    <caption>{t('person.grantsCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('person.colRole')}</th>
                        <th scope="col">{t('person.colScope')}</th>
                        <th scope="col">{t('person.colGrantedAt')}</th>
                        <th scope="col">
                          <span className="visually-hidden-people">{t('person.revoke')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {roles.account.grants.map((g) => {
                        const scope = g.unitId ? (g.unitName ?? g.unitId) : t('person.wholeOrg')
                        return (
                          <tr key={g.id}>
                            <td>{t(`role.${g.role}`)}</td>
                            <td>{g.role === 'learner' ? none : scope}</td>
                            <td>{formatDateTime(g.grantedAt)}</td>
                            <td>
                              <Form method="post">
                                <input type="hidden" name="intent" value="revoke" />
                                <input type="hidden" name="grantId" value={g.id} />
                                <button type="submit" className="button button-quiet" aria-label={t('person.revokeLabel', { role: t(`role.${g.role}`), scope })}>
                                  {t('person.revoke')}
                                </button>
                              </Form>
                            </td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="muted">{t('person.noGrants')}</p>
              )}
            </>
          ) : (
            <p className="muted">{t('person.noAccount')}</p>
          )}
          <h3>{t('person.grant')}</h3>
          {grant?.error && !usernameError ? (
            <p className="form-error" role="alert">
              {t(grant.error)}
            </p>
          ) : null}
          <Form method="post" noValidate className="grant-form">
            <input type="hidden" name="intent" value="grant" />
            <div className="field">
              <label htmlFor="role">{t('person.grantRole')}</label>
              <select id="role" name="role" defaultValue={grant?.values.role ?? 'learner'}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`role.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="unit">{t('person.grantScope')}</label>
              <p className="field-hint" id="unit-hint">
                {t('person.grantScopeHint')}
              </p>
              <select id="unit" name="unit" aria-describedby="unit-hint" defaultValue={grant?.values.unit ?? ''}>
                <option value="">{t('person.wholeOrg')}</option>
                {roles.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {'\u00a0\u00a0'.repeat(u.depth)}
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            {roles.account ? null : (
              <Field
                id="username"
                name="username"
                label={t('person.username')}
                hint={t('person.usernameHint')}
                defaultValue={grant?.values.username || roles.suggestedUsername || ''}
                autoComplete="off"
                spellCheck={false}
                error={usernameError ? t(usernameError) : null}
              />
            )}
            <button type="submit" className="button">
              {t('person.grantSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
