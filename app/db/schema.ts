/**
 * The whole domain of HọcSố (docs: shared product.md "Domain").
 *
 * Conventions:
 * - Effective dates (valid from / to, completion dates, due dates) are ISO `YYYY-MM-DD` text: they sort and
 *   compare as strings, and a day is a day whatever the time zone. Ranges are inclusive at both ends; an open
 *   end is NULL.
 * - Instants (created_at, submitted_at…) are integer milliseconds since the epoch.
 * - Ids are text (random, or deterministic in the demo seed); tables are plural snake_case.
 */
import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

export * from './enums'
import { LINEAGE_EVENT_TYPES, ROLES, SEXES, STAFF_TYPES, TRAINING_MODES, UNIT_KINDS, type StaffType } from './enums'

// ---------------------------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------------------------

/** A unit's stable identity. Everything that changes over time lives in unit_versions. */
export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
})

/** What a unit was called, where it hung and what kind it was, from valid_from to valid_to (inclusive). */
export const unitVersions = sqliteTable(
  'unit_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    parentId: text('parent_id').references(() => units.id),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    /** The lineage event that opened this version, if any. */
    eventId: integer('event_id').references(() => lineageEvents.id),
  },
  (t) => [
    index('unit_versions_unit_idx').on(t.unitId, t.validFrom),
    index('unit_versions_code_idx').on(t.code, t.validFrom),
    index('unit_versions_parent_idx').on(t.parentId),
    check('unit_versions_range', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
  ],
)

/** A rename, move, merge, split, dissolve (or a creation), with its legal basis. */
export const lineageEvents = sqliteTable('lineage_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type', { enum: LINEAGE_EVENT_TYPES }).notNull(),
  effectiveDate: text('effective_date').notNull(),
  decisionNumber: text('decision_number').notNull(),
  decisionDate: text('decision_date').notNull(),
  decisionIssuer: text('decision_issuer').notNull(),
  note: text('note'),
  createdBy: text('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
})

/**
 * The edges of an event: which units it ended (from) and which carry on (to). A rename or move is one edge
 * from a unit to itself; a merge has one edge per merged unit; a split one per successor, `ordinal` 0 being
 * the first successor (where people go until a roster import moves them).
 */
export const lineageLinks = sqliteTable(
  'lineage_links',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => lineageEvents.id),
    fromUnitId: text('from_unit_id').references(() => units.id),
    toUnitId: text('to_unit_id').references(() => units.id),
    ordinal: integer('ordinal').notNull().default(0),
  },
  (t) => [index('lineage_links_from_idx').on(t.fromUnitId), index('lineage_links_to_idx').on(t.toUnitId)],
)

// ---------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    /** Số định danh cá nhân: 12 digits, the stable person key across imports and mergers (NĐ 27/2026). */
    nationalId: text('national_id').notNull(),
    ho: text('ho').notNull(),
    chuDem: text('chu_dem').notNull().default(''),
    ten: text('ten').notNull(),
    /** The full name exactly as it arrived (before cleaning), for display next to the cleaned one. */
    fullNameOriginal: text('full_name_original'),
    /** Accent-folded lower-case "họ chữ đệm tên" for search. */
    searchKey: text('search_key').notNull(),
    birthDate: text('birth_date'),
    sex: text('sex', { enum: SEXES }),
    email: text('email'),
    /** Ngạch or chức danh nghề nghiệp, free text from the roster. */
    rank: text('rank'),
    staffType: text('staff_type', { enum: STAFF_TYPES }).notNull(),
    /** Last working day in the department (inclusive); NULL while employed. */
    leftOn: text('left_on'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('people_national_id_uq').on(t.nationalId),
    check('people_national_id_format', sql`length(${t.nationalId}) = 12 AND ${t.nationalId} NOT GLOB '*[^0-9]*'`),
  ],
)

/** Person ↔ unit ↔ position, from valid_from to valid_to (inclusive). */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    /** Chức vụ; empty for staff without a leadership position. */
    position: text('position').notNull().default(''),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    /** Where the row came from: seed, import, merge, split, manual. */
    source: text('source').notNull(),
  },
  (t) => [
    index('assignments_person_idx').on(t.personId, t.validFrom),
    index('assignments_unit_idx').on(t.unitId, t.validFrom),
    check('assignments_range', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
  ],
)

// ---------------------------------------------------------------------------------------------------------
// Accounts, roles, sessions
// ---------------------------------------------------------------------------------------------------------

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    /** The staff member this account belongs to; NULL for a technical account. */
    personId: text('person_id').references(() => people.id),
    locale: text('locale', { enum: ['vi', 'en'] })
      .notNull()
      .default('vi'),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    disabledAt: integer('disabled_at'),
    passwordChangedAt: integer('password_changed_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    // The sign-in page lists the demo accounts on every visit: a partial index keeps that off a scan of users.
    index('users_demo_idx').on(t.username).where(sql`${t.isDemo} = 1`),
  ],
)

/** A role held by an account; unit_head and hr roles are scoped to a unit and everything below it. */
export const roleGrants = sqliteTable(
  'role_grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    /** Root of the scope; NULL means the whole organisation. */
    unitId: text('unit_id').references(() => units.id),
    grantedBy: text('granted_by').references(() => users.id),
    grantedAt: integer('granted_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('role_grants_user_idx').on(t.userId)],
)

/** Lucia's session table (id, user_id, expires_at in seconds) plus our absolute-lifetime start. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Failed sign-ins per normalised username, for slowing down and locking out guessing. */
export const loginThrottles = sqliteTable('login_throttles', {
  usernameKey: text('username_key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at').notNull(),
  lockedUntil: integer('locked_until'),
})

/** Every sign-in attempt, kept for the audit trail. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    usernameKey: text('username_key').notNull(),
    at: integer('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('login_attempts_user_idx').on(t.usernameKey, t.at)],
)

/** Integration API tokens: shown once, stored as a SHA-256 hash, bound to a role, revocable. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in lists. */
    prefix: text('prefix').notNull(),
    role: text('role', { enum: ['hr', 'admin'] }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
)

// ---------------------------------------------------------------------------------------------------------
// Courses and learning
// ---------------------------------------------------------------------------------------------------------

/** Synced from content/courses on start-up; `version` is the content hash. */
export const courses = sqliteTable('courses', {
  id: text('id').primaryKey(),
  folder: text('folder').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  category: text('category').notNull(),
  durationTiet: integer('duration_tiet').notNull(),
  skillStrand: text('skill_strand').notNull(),
  reportRow: text('report_row').notNull(),
  yearly: integer('yearly', { mode: 'boolean' }).notNull(),
  audience: text('audience').notNull(),
  objectives: text('objectives', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: ['published', 'draft', 'archived'] }).notNull(),
  version: text('version').notNull(),
  position: integer('position').notNull(),
  hasQuiz: integer('has_quiz', { mode: 'boolean' }).notNull(),
  syncedAt: integer('synced_at').notNull(),
})

export const lessons = sqliteTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    minutes: integer('minutes').notNull(),
    version: text('version').notNull(),
    /** False once the lesson disappears from content/ (progress on it is kept). */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('lessons_course_slug_uq').on(t.courseId, t.slug)],
)

/** One row per person and lesson: the first time it was marked done, and the last visit (resume). */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    lessonId: text('lesson_id')
      .notNull()
      .references(() => lessons.id),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    firstViewedAt: integer('first_viewed_at').notNull(),
    lastViewedAt: integer('last_viewed_at').notNull(),
    completedAt: integer('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.lessonId] }),
    index('lesson_progress_course_idx').on(t.personId, t.courseId),
  ],
)

/**
 * A quiz attempt stores exactly what was shown (question ids with their option order) and what was answered;
 * the answer key stays in content/ on the server.
 */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    courseVersion: text('course_version').notNull(),
    shown: text('shown', { mode: 'json' }).notNull(),
    answers: text('answers', { mode: 'json' }),
    startedAt: integer('started_at').notNull(),
    deadlineAt: integer('deadline_at'),
    submittedAt: integer('submitted_at'),
    /** Percent 0–100, set on submit. */
    score: real('score'),
    passed: integer('passed', { mode: 'boolean' }),
    /** Per-question grading, set on submit (for review and question statistics). */
    graded: text('graded', { mode: 'json' }),
  },
  (t) => [index('quiz_attempts_person_idx').on(t.personId, t.courseId)],
)

/**
 * A course completed inside HọcSố. `completed_on` is the local date of completion; `unit_id` the person's unit
 * that day (with its name as it was), so a report can place it without reconstructing history.
 */
export const completions = sqliteTable(
  'completions',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    courseVersion: text('course_version').notNull(),
    completedOn: text('completed_on').notNull(),
    completedAt: integer('completed_at').notNull(),
    score: real('score'),
    attemptId: text('attempt_id').references(() => quizAttempts.id),
    unitId: text('unit_id').references(() => units.id),
    unitName: text('unit_name'),
    certificateCode: text('certificate_code').notNull(),
    revokedAt: integer('revoked_at'),
    revokedReason: text('revoked_reason'),
    revokedBy: text('revoked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('completions_certificate_uq').on(t.certificateCode),
    index('completions_person_idx').on(t.personId, t.completedOn),
    index('completions_course_idx').on(t.courseId, t.completedOn),
    // The year's completions for the coverage report, read from the index alone.
    index('completions_year_idx').on(t.completedOn, t.personId, t.courseId, t.revokedAt),
  ],
)

/** An import or manual-entry batch: who brought which file in, when. */
export const importBatches = sqliteTable('import_batches', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['roster', 'completions', 'manual'] }).notNull(),
  fileName: text('file_name'),
  rowCount: integer('row_count').notNull(),
  createdBy: text('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
})

/** Training done elsewhere (OneTouch, a class in Hà Nội…), with its provenance. */
export const externalRecords = sqliteTable(
  'external_records',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    /** Set when the record names one of our courses; it then counts for that course's requirement. */
    courseId: text('course_id').references(() => courses.id),
    title: text('title').notNull(),
    completedOn: text('completed_on').notNull(),
    durationTiet: real('duration_tiet').notNull(),
    mode: text('mode', { enum: TRAINING_MODES }),
    source: text('source').notNull(),
    note: text('note'),
    unitId: text('unit_id').references(() => units.id),
    batchId: text('batch_id').references(() => importBatches.id),
    enteredBy: text('entered_by').references(() => users.id),
    enteredAt: integer('entered_at').notNull(),
  },
  (t) => [
    index('external_records_person_idx').on(t.personId, t.completedOn),
    index('external_records_year_idx').on(t.completedOn, t.personId, t.courseId, t.durationTiet),
  ],
)

// ---------------------------------------------------------------------------------------------------------
// Plans and reports
// ---------------------------------------------------------------------------------------------------------

/** Kế hoạch đào tạo, bồi dưỡng năm Y. */
export const plans = sqliteTable('plans', {
  year: integer('year').primaryKey(),
  reference: text('reference').notNull(),
  referenceDate: text('reference_date'),
  targetPct: real('target_pct').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
  updatedAt: integer('updated_at').notNull(),
})

import type { Audience } from '../models/audience'

export const planRequirements = sqliteTable(
  'plan_requirements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => plans.year),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id),
    /** Unit codes are resolved to unit ids when saved, so the rule follows units through renames and moves. */
    audience: text('audience', { mode: 'json' }).$type<Audience>().notNull(),
    dueDate: text('due_date').notNull(),
  },
  (t) => [index('plan_requirements_year_idx').on(t.year)],
)

/** Khóa số liệu: a closed year's report, frozen with the parameters it was computed with. */
export const yearCloses = sqliteTable(
  'year_closes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    params: text('params', { mode: 'json' }).notNull(),
    report: text('report', { mode: 'json' }).notNull(),
    closedBy: text('closed_by').references(() => users.id),
    closedAt: integer('closed_at').notNull(),
    reopenedBy: text('reopened_by').references(() => users.id),
    reopenedAt: integer('reopened_at'),
    reopenReason: text('reopen_reason'),
  },
  (t) => [index('year_closes_year_idx').on(t.year)],
)

/** Who changed what, when. Never updated, never deleted. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorUserId: text('actor_user_id').references(() => users.id),
    actorTokenId: text('actor_token_id').references(() => apiTokens.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
)
