import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import { hashPassword } from '~/auth/password.server'
import { getDb, writeTransaction } from '~/db/client.server'
import { assignments, people, roleGrants, unitVersions, users, type Role, type Sex, type StaffType } from '~/db/schema'
import { cleanText, compareVietnamese, foldForSearch, formatFullName, sortByName, type NameParts } from '~/i18n/format'
import { recordAudit } from './audit.server'
import { listUnitsAsOf, orderAsTree, subtreeIds } from './units.server'
import { createUser, normaliseUsername } from './users.server'

export type PersonPost = {
  personId: string
  ho: string
  chuDem: string
  ten: string
  staffType: StaffType
  rank: string | null
  posts: { unitId: string; unitName: string; position: string; since: string }[]
}

/** A person and their assignments in force on `asOf`, with the units' names as they stood that day. */
export function getPersonPost({ personId, asOf }: { personId: string; asOf: string }): PersonPost | null {
  const db = getDb()
  const person = db
    .select({ ho: people.ho, chuDem: people.chuDem, ten: people.ten, staffType: people.staffType, rank: people.rank, leftOn: people.leftOn })
    .from(people)
    .where(eq(people.id, personId))
    .get()
  if (!person) return null
  const employed = !person.leftOn || person.leftOn >= asOf
  const posts = employed
    ? db
        .select({
          unitId: assignments.unitId,
          unitName: unitVersions.name,
          position: assignments.position,
          since: assignments.validFrom,
        })
        .from(assignments)
        .innerJoin(
          unitVersions,
          and(
            eq(unitVersions.unitId, assignments.unitId),
            lte(unitVersions.validFrom, asOf),
            or(isNull(unitVersions.validTo), gte(unitVersions.validTo, asOf)),
          ),
        )
        .where(
          and(
            eq(assignments.personId, personId),
            lte(assignments.validFrom, asOf),
            or(isNull(assignments.validTo), gte(assignments.validTo, asOf)),
          ),
        )
        .orderBy(asc(assignments.validFrom))
        .all()
    : []
  return { personId, ho: person.ho, chuDem: person.chuDem, ten: person.ten, staffType: person.staffType, rank: person.rank, posts }
}

export function countPeople(): number {
  return getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM people`)?.n ?? 0
}

/** People in post on `asOf`, by staff type (each person once). */
export function countStaffByType({ asOf }: { asOf: string }): Record<StaffType, number> {
  const rows = getDb().all<{ staffType: StaffType; n: number }>(sql`
    SELECT p.staff_type AS staffType, count(DISTINCT p.id) AS n
    FROM people p JOIN assignments a ON a.person_id = p.id
    WHERE a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
      AND (p.left_on IS NULL OR p.left_on >= ${asOf})
    GROUP BY p.staff_type`)
  const counts: Record<StaffType, number> = { cong_chuc: 0, vien_chuc: 0, nguoi_lao_dong: 0 }
  for (const row of rows) counts[row.staffType] = row.n
  return counts
}

// ---------------------------------------------------------------------------------------------------------
// The staff list, the person page, name corrections and accounts (issue 5, "People")
// ---------------------------------------------------------------------------------------------------------

export const PEOPLE_PAGE_SIZE = 50

export type ScopeGrant = { role: Role; unitId: string | null }

/**
 * The units whose people a user may see on `asOf`: null for the whole organisation (HR or admin without a unit
 * scope), else the subtrees of their unit_head / hr / admin grants as the tree stood that day.
 */
export function resolveScopeUnitIds({ grants, asOf }: { grants: readonly ScopeGrant[]; asOf: string }): Set<string> | null {
  const scoped = grants.filter((g) => g.role !== 'learner')
  if (scoped.some((g) => g.unitId === null && (g.role === 'hr' || g.role === 'admin'))) return null
  const tree = orderAsTree(listUnitsAsOf({ asOf }))
  const ids = new Set<string>()
  for (const grant of scoped) if (grant.unitId) for (const id of subtreeIds(tree, grant.unitId)) ids.add(id)
  return ids
}

export type ActiveFilter = 'active' | 'inactive' | 'all'

export type PeopleFilter = {
  /** Folded words must all occur in the name; digits match the start of the số định danh. */
  query?: string
  /** A unit and everything below it, as the tree stood on `asOf`. */
  unitId?: string | null
  staffType?: StaffType | null
  position?: string | null
  active?: ActiveFilter
}

export type PeopleListItem = {
  id: string
  ho: string
  chuDem: string
  ten: string
  nationalId: string
  staffType: StaffType
  active: boolean
  posts: { unitName: string; position: string }[]
}

export type PeopleList = { total: number; page: number; pageCount: number; items: PeopleListItem[] }

function inList(ids: readonly string[]) {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )
}

/** SQL: the person `p` is in post on `asOf` (an assignment that day, and not yet left). */
function activeCondition(asOf: string) {
  return sql`(p.left_on IS NULL OR p.left_on >= ${asOf}) AND EXISTS (SELECT 1 FROM assignments a0 WHERE a0.person_id = p.id
    AND a0.valid_from <= ${asOf} AND (a0.valid_to IS NULL OR a0.valid_to >= ${asOf}))`
}

/** SQL: `p` is in post on `asOf` in one of `unitIds`. */
function inUnitsCondition(asOf: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return sql`0`
  return sql`(p.left_on IS NULL OR p.left_on >= ${asOf}) AND EXISTS (SELECT 1 FROM assignments a1 WHERE a1.person_id = p.id
    AND a1.valid_from <= ${asOf} AND (a1.valid_to IS NULL OR a1.valid_to >= ${asOf}) AND a1.unit_id IN (${inList(unitIds)}))`
}

/**
 * One page of the staff list, in Vietnamese order (tên, chữ đệm, họ). SQL does the filtering and returns only
 * ids and name parts; the order needs Intl.Collator, so it is sorted here, then the page's details are read.
 * `scopeUnitIds` (a unit head's subtrees) limits the list to people in post there on `asOf`.
 */
export function listPeople({
  asOf,
  scopeUnitIds,
  filter = {},
  page = 1,
  pageSize = PEOPLE_PAGE_SIZE,
}: {
  asOf: string
  scopeUnitIds: ReadonlySet<string> | null
  filter?: PeopleFilter
  page?: number
  pageSize?: number
}): PeopleList {
  const conditions = [sql`1`]
  if (scopeUnitIds) conditions.push(inUnitsCondition(asOf, [...scopeUnitIds]))
  const active = filter.active ?? 'active'
  if (active === 'active') conditions.push(activeCondition(asOf))
  if (active === 'inactive') conditions.push(sql`NOT (${activeCondition(asOf)})`)
  if (filter.unitId) {
    const tree = orderAsTree(listUnitsAsOf({ asOf }))
    const ids = [...subtreeIds(tree, filter.unitId)]
    if (active === 'active') conditions.push(inUnitsCondition(asOf, ids))
    // Someone no longer in post belongs nowhere today: match where they ever worked.
    else if (ids.length) conditions.push(sql`EXISTS (SELECT 1 FROM assignments a2 WHERE a2.person_id = p.id AND a2.unit_id IN (${inList(ids)}))`)
    else conditions.push(sql`0`)
  }
  if (filter.staffType) conditions.push(sql`p.staff_type = ${filter.staffType}`)
  if (filter.position) {
    conditions.push(sql`EXISTS (SELECT 1 FROM assignments a3 WHERE a3.person_id = p.id AND a3.position = ${filter.position}
      AND a3.valid_from <= ${asOf} AND (a3.valid_to IS NULL OR a3.valid_to >= ${asOf}))`)
  }
  const query = foldForSearch(filter.query ?? '')
  if (query) {
    if (/^\d+$/.test(query)) conditions.push(sql`p.national_id LIKE ${`${query}%`}`)
    else for (const word of query.split(' ')) conditions.push(sql`p.search_key LIKE ${`%${word.replace(/[%_\\]/g, '\\$&')}%`} ESCAPE '\\'`)
  }
  const db = getDb()
  const matched = db.all<{ id: string; ho: string; chuDem: string; ten: string }>(
    sql`SELECT p.id, p.ho, p.chu_dem AS chuDem, p.ten FROM people p WHERE ${sql.join(conditions, sql` AND `)}`,
  )
  const sorted = sortByName(matched, (p) => p)
  const total = sorted.length
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
  const slice = sorted.slice((current - 1) * pageSize, current * pageSize)
  if (slice.length === 0) return { total, page: current, pageCount, items: [] }
  const ids = slice.map((p) => p.id)
  const details = new Map(
    db
      .all<{ id: string; nationalId: string; staffType: StaffType; leftOn: string | null }>(
        sql`SELECT id, national_id AS nationalId, staff_type AS staffType, left_on AS leftOn FROM people WHERE id IN (${inList(ids)})`,
      )
      .map((row) => [row.id, row]),
  )
  const posts = new Map<string, { unitName: string; position: string }[]>()
  for (const row of db.all<{ personId: string; unitName: string; position: string }>(sql`
    SELECT a.person_id AS personId, v.name AS unitName, a.position
    FROM assignments a JOIN unit_versions v ON v.unit_id = a.unit_id AND v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to >= ${asOf})
    WHERE a.person_id IN (${inList(ids)}) AND a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
    ORDER BY a.valid_from`)) {
    posts.set(row.personId, [...(posts.get(row.personId) ?? []), { unitName: row.unitName, position: row.position }])
  }
  return {
    total,
    page: current,
    pageCount,
    items: slice.map((p) => {
      const d = details.get(p.id)!
      const inPost = (!d.leftOn || d.leftOn >= asOf) && (posts.get(p.id)?.length ?? 0) > 0
      return { ...p, nationalId: d.nationalId, staffType: d.staffType, active: inPost, posts: inPost ? (posts.get(p.id) ?? []) : [] }
    }),
  }
}

/** The positions (chức vụ) held by someone in post on `asOf`, in Vietnamese order, for the list's filter. */
export function listPositions({ asOf }: { asOf: string }): string[] {
  const rows = getDb().all<{ position: string }>(sql`
    SELECT DISTINCT position FROM assignments
    WHERE position != '' AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})`)
  return rows.map((r) => r.position).sort(compareVietnamese)
}

/** True when the person is in post on `asOf` in one of `scopeUnitIds` (null: the whole organisation). */
export function isPersonInScope({ personId, scopeUnitIds, asOf }: { personId: string; scopeUnitIds: ReadonlySet<string> | null; asOf: string }): boolean {
  if (scopeUnitIds === null) return true
  const row = getDb().get<{ n: number }>(
    sql`SELECT count(*) AS n FROM people p WHERE p.id = ${personId} AND ${inUnitsCondition(asOf, [...scopeUnitIds])}`,
  )
  return (row?.n ?? 0) > 0
}

export type PersonRecord = {
  id: string
  nationalId: string
  ho: string
  chuDem: string
  ten: string
  fullNameOriginal: string | null
  birthDate: string | null
  sex: Sex | null
  email: string | null
  rank: string | null
  staffType: StaffType
  leftOn: string | null
  assignments: { id: number; unitId: string; unitName: string; unitCode: string; position: string; validFrom: string; validTo: string | null }[]
  training: {
    kind: 'internal' | 'external'
    id: string
    courseId: string | null
    title: string
    completedOn: string
    score: number | null
    certificateCode: string | null
    revoked: boolean
    source: string | null
    durationTiet: number | null
  }[]
}

/**
 * Everything the person page shows: the person, their assignment history (each unit's name as it stood when the
 * assignment began) and their full training record, internal completions and external records, newest first.
 */
export function getPersonRecord({ personId }: { personId: string }): PersonRecord | null {
  const db = getDb()
  const person = db.get<Omit<PersonRecord, 'assignments' | 'training'>>(sql`
    SELECT id, national_id AS nationalId, ho, chu_dem AS chuDem, ten, full_name_original AS fullNameOriginal,
      birth_date AS birthDate, sex, email, rank, staff_type AS staffType, left_on AS leftOn
    FROM people WHERE id = ${personId}`)
  if (!person) return null
  const assignmentRows = db.all<PersonRecord['assignments'][number]>(sql`
    SELECT a.id, a.unit_id AS unitId, a.position, a.valid_from AS validFrom, a.valid_to AS validTo,
      COALESCE(
        (SELECT v.name FROM unit_versions v WHERE v.unit_id = a.unit_id AND v.valid_from <= a.valid_from
           AND (v.valid_to IS NULL OR v.valid_to >= a.valid_from) LIMIT 1),
        (SELECT v.name FROM unit_versions v WHERE v.unit_id = a.unit_id ORDER BY v.valid_from LIMIT 1)) AS unitName,
      COALESCE(
        (SELECT v.code FROM unit_versions v WHERE v.unit_id = a.unit_id AND v.valid_from <= a.valid_from
           AND (v.valid_to IS NULL OR v.valid_to >= a.valid_from) LIMIT 1),
        (SELECT v.code FROM unit_versions v WHERE v.unit_id = a.unit_id ORDER BY v.valid_from LIMIT 1)) AS unitCode
    FROM assignments a WHERE a.person_id = ${personId}
    ORDER BY a.valid_from DESC, a.id DESC`)
  const internal = db.all<{ id: string; courseId: string; title: string; completedOn: string; score: number | null; certificateCode: string; revokedAt: number | null; durationTiet: number }>(sql`
    SELECT c.id, c.course_id AS courseId, co.title, c.completed_on AS completedOn, c.score, c.certificate_code AS certificateCode,
      c.revoked_at AS revokedAt, co.duration_tiet AS durationTiet
    FROM completions c JOIN courses co ON co.id = c.course_id WHERE c.person_id = ${personId}`)
  const external = db.all<{ id: string; courseId: string | null; title: string; completedOn: string; source: string; durationTiet: number }>(sql`
    SELECT e.id, e.course_id AS courseId, COALESCE(co.title, e.title) AS title, e.completed_on AS completedOn, e.source, e.duration_tiet AS durationTiet
    FROM external_records e LEFT JOIN courses co ON co.id = e.course_id WHERE e.person_id = ${personId}`)
  const training: PersonRecord['training'] = [
    ...internal.map((c) => ({
      kind: 'internal' as const,
      id: c.id,
      courseId: c.courseId,
      title: c.title,
      completedOn: c.completedOn,
      score: c.score,
      certificateCode: c.certificateCode,
      revoked: c.revokedAt !== null,
      source: null,
      durationTiet: c.durationTiet,
    })),
    ...external.map((e) => ({
      kind: 'external' as const,
      id: e.id,
      courseId: e.courseId,
      title: e.title,
      completedOn: e.completedOn,
      score: null,
      certificateCode: null,
      revoked: false,
      source: e.source,
      durationTiet: e.durationTiet,
    })),
  ].sort((a, b) => b.completedOn.localeCompare(a.completedOn))
  return { ...person, assignments: assignmentRows, training }
}

/** The part of a số định danh a unit head may see: the last 4 digits. */
export function maskNationalId(nationalId: string): string {
  return `${'•'.repeat(Math.max(0, nationalId.length - 4))}${nationalId.slice(-4)}`
}

export const NAME_PART_MAX = 60

export type RenameResult = { ok: true } | { ok: false; error: 'not_found' } | { ok: false; error: 'invalid'; fields: Partial<Record<keyof NameParts, 'required' | 'too_long'>> }

/** HR corrects họ / chữ đệm / tên (each cleaned); the search key follows; audited with before and after. */
export function renamePerson({
  personId,
  ho,
  chuDem,
  ten,
  actorUserId,
  at = Date.now(),
}: NameParts & { personId: string; actorUserId: string | null; at?: number }): RenameResult {
  const next = { ho: cleanText(ho), chuDem: cleanText(chuDem), ten: cleanText(ten) }
  const fields: Partial<Record<keyof NameParts, 'required' | 'too_long'>> = {}
  if (!next.ten) fields.ten = 'required'
  for (const key of ['ho', 'chuDem', 'ten'] as const) if (next[key].length > NAME_PART_MAX) fields[key] = 'too_long'
  if (Object.keys(fields).length) return { ok: false, error: 'invalid', fields }
  return writeTransaction((tx) => {
    const before = tx.select({ ho: people.ho, chuDem: people.chuDem, ten: people.ten }).from(people).where(eq(people.id, personId)).get()
    if (!before) return { ok: false, error: 'not_found' } as const
    tx.update(people)
      .set({ ...next, searchKey: foldForSearch(formatFullName(next)), updatedAt: at })
      .where(eq(people.id, personId))
      .run()
    // The account's display name is the person's name.
    tx.update(users).set({ displayName: formatFullName(next) }).where(eq(users.personId, personId)).run()
    recordAudit({ actorUserId, action: 'person.rename', entityType: 'person', entityId: personId, details: { before, after: next }, at }, tx)
    return { ok: true } as const
  })
}

// ----- accounts and roles --------------------------------------------------------------------------------

export type PersonAccount = {
  userId: string
  username: string
  disabled: boolean
  grants: { id: number; role: Role; unitId: string | null; unitName: string | null; grantedAt: number }[]
}

/** The person's account and its current (unrevoked) role grants, with each scope's name today. */
export function getPersonAccount({ personId, asOf }: { personId: string; asOf: string }): PersonAccount | null {
  const db = getDb()
  const user = db.get<{ id: string; username: string; disabledAt: number | null }>(
    sql`SELECT id, username, disabled_at AS disabledAt FROM users WHERE person_id = ${personId} ORDER BY created_at LIMIT 1`,
  )
  if (!user) return null
  const grants = db.all<PersonAccount['grants'][number]>(sql`
    SELECT g.id, g.role, g.unit_id AS unitId, g.granted_at AS grantedAt,
      (SELECT v.name FROM unit_versions v WHERE v.unit_id = g.unit_id ORDER BY (v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to >= ${asOf})) DESC, v.valid_from DESC LIMIT 1) AS unitName
    FROM role_grants g WHERE g.user_id = ${user.id} AND g.revoked_at IS NULL ORDER BY g.id`)
  return { userId: user.id, username: user.username, disabled: user.disabledAt !== null, grants }
}

/** An ASCII, lower-case username from the name ("Nguyễn Văn An" → "annv"), made unique with a number. */
export function suggestUsername({ name, taken }: { name: NameParts; taken?: (username: string) => boolean }): string {
  const isTaken = taken ?? ((u: string) => !!getDb().get(sql`SELECT 1 FROM users WHERE username = ${u}`))
  const fold = (s: string) => foldForSearch(s).replace(/[^a-z0-9 ]/g, '')
  const initials = fold(`${name.ho} ${name.chuDem}`)
    .split(' ')
    .filter(Boolean)
    .map((w) => w[0])
    .join('')
  const base = (fold(name.ten).replace(/ /g, '') + initials).slice(0, 24) || 'canbo'
  if (!isTaken(base)) return base
  for (let n = 2; ; n++) if (!isTaken(`${base}${n}`)) return `${base}${n}`
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/** A random one-time password of 16 characters (about 93 bits), shown once to the admin. */
export function newInitialPassword(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint32Array(length))
  return [...bytes].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('')
}

export type GrantResult =
  | { ok: true; grantId: number; account: { created: false } | { created: true; username: string; initialPassword: string } }
  | { ok: false; error: 'not_found' | 'unit_required' | 'department_wide' | 'unknown_unit' | 'bad_username' | 'username_taken' | 'already_granted' }

/**
 * An admin grants a role to a person. Learners have no scope; a unit head needs a unit; HR and admins hold the
 * whole organisation (unitId null) and cannot be limited to a unit (their work is department-wide). A person
 * without an account gets one, with `username` (checked) and a one-time password returned once; audited
 * 'account.create' and 'role.grant'.
 */
export async function grantRole({
  personId,
  role,
  unitId,
  username,
  actorUserId,
  asOf,
  at = Date.now(),
}: {
  personId: string
  role: Role
  unitId: string | null
  username?: string | null
  actorUserId: string | null
  asOf: string
  at?: number
}): Promise<GrantResult> {
  const scope = role === 'learner' ? null : unitId
  if (role === 'unit_head' && !scope) return { ok: false, error: 'unit_required' }
  // HR and admin work (plans, imports, the organisation, accounts) is department-wide: no unit-scoped HR or admin.
  if ((role === 'hr' || role === 'admin') && scope) return { ok: false, error: 'department_wide' }
  if (scope && !listUnitsAsOf({ asOf }).some((u) => u.id === scope)) return { ok: false, error: 'unknown_unit' }
  const person = getDb().get<NameParts>(sql`SELECT ho, chu_dem AS chuDem, ten FROM people WHERE id = ${personId}`)
  if (!person) return { ok: false, error: 'not_found' }
  const existing = getPersonAccount({ personId, asOf })
  let newAccount: { username: string; initialPassword: string; passwordHash: string } | null = null
  if (!existing) {
    const wanted = normaliseUsername(username ?? '') || suggestUsername({ name: person })
    if (!USERNAME_PATTERN.test(wanted)) return { ok: false, error: 'bad_username' }
    const initialPassword = newInitialPassword()
    newAccount = { username: wanted, initialPassword, passwordHash: await hashPassword(initialPassword) }
  } else if (existing.grants.some((g) => g.role === role && g.unitId === scope)) {
    return { ok: false, error: 'already_granted' }
  }
  return writeTransaction((tx) => {
    let userId = existing?.userId
    if (newAccount) {
      if (tx.select({ id: users.id }).from(users).where(eq(users.username, newAccount.username)).get()) {
        return { ok: false, error: 'username_taken' } as const
      }
      userId = `usr-${crypto.randomUUID()}`
      createUser({ id: userId, username: newAccount.username, passwordHash: newAccount.passwordHash, displayName: formatFullName(person), personId, grants: [], at }, tx)
      recordAudit({ actorUserId, action: 'account.create', entityType: 'user', entityId: userId, details: { personId, username: newAccount.username }, at }, tx)
    }
    const grant = tx
      .insert(roleGrants)
      .values({ userId: userId!, role, unitId: scope, grantedBy: actorUserId, grantedAt: at })
      .returning({ id: roleGrants.id })
      .get()
    recordAudit({ actorUserId, action: 'role.grant', entityType: 'user', entityId: userId!, details: { personId, grantId: grant.id, role, unitId: scope }, at }, tx)
    return {
      ok: true,
      grantId: grant.id,
      account: newAccount ? { created: true, username: newAccount.username, initialPassword: newAccount.initialPassword } : { created: false },
    } as const
  })
}

/** An admin revokes one grant of the person's account; audited 'role.revoke'. */
export function revokeRole({ personId, grantId, actorUserId, at = Date.now() }: { personId: string; grantId: number; actorUserId: string | null; at?: number }): { ok: boolean } {
  return writeTransaction((tx) => {
    const grant = tx.get<{ userId: string; role: Role; unitId: string | null }>(sql`
      SELECT g.user_id AS userId, g.role, g.unit_id AS unitId FROM role_grants g JOIN users u ON u.id = g.user_id
      WHERE g.id = ${grantId} AND u.person_id = ${personId} AND g.revoked_at IS NULL`)
    if (!grant) return { ok: false }
    tx.update(roleGrants).set({ revokedAt: at }).where(eq(roleGrants.id, grantId)).run()
    recordAudit({ actorUserId, action: 'role.revoke', entityType: 'user', entityId: grant.userId, details: { personId, grantId, role: grant.role, unitId: grant.unitId }, at }, tx)
    return { ok: true }
  })
}
