/**
 * The annual coverage report (product.md, "Coverage: the definitions") — the one place its arithmetic lives.
 *
 * For year Y, as-of date D and a unit U:
 * - headcount: people in post on D in U or below it (as the tree stood on D — or, restated, as today's tree
 *   stands after mapping each unit of D through its lineage);
 * - required: of those, people matching at least one requirement of the plan of Y on D;
 * - trainedAll: of required, people who completed every course required of them with a completion dated in Y
 *   (any version, late or not; an external record counts when it names the course);
 * - trainedAny: of headcount, people with at least one completion (internal or external) dated in Y;
 * - personTimes: completions dated in Y by people in headcount; learningHours: their durations in tiết;
 * - coveragePct = trainedAll / required, reachPct = trainedAny / headcount, ×100, 2 decimals, null when the
 *   denominator is empty.
 * A parent row aggregates its subtree and counts a person once.
 *
 * The work is done in SQLite, in temporary tables of this connection (people in post, their required courses,
 * their completions, where each one sits in the chosen structure, the structure's ancestor closure), so that a
 * province of 100.000 people is aggregated by GROUP BY rather than walked one JavaScript object at a time. Only
 * the unit trees (a few thousand units at most) and the per-unit lineage walk are computed here in TypeScript.
 */
import type Database from 'better-sqlite3'
import { getConnection } from '~/db/client.server'
import type { UnitKind } from '~/db/enums'
import { isoDateInVietnam } from '~/i18n/format'
import { positionKey, type Audience } from './audience'
import { getPlan } from './plans.server'
import { listUnitsAsOf, orderAsTree, type UnitNode } from './units.server'

export type CoverageMode = 'recorded' | 'restated'

export type CoverageRow = {
  unitId: string
  unitCode: string
  unitName: string
  unitKind: UnitKind
  parentId: string | null
  depth: number
  headcount: number
  required: number
  trainedAll: number
  trainedAny: number
  personTimes: number
  learningHours: number
  coveragePct: number | null
  reachPct: number | null
  targetPct: number | null
}

export type CoverageReport = { year: number; asOf: string; mode: CoverageMode; rows: CoverageRow[] }

/** The default as-of date: 31/12 of a past year, today for the current year. */
export function defaultAsOf(year: number, today = isoDateInVietnam()): string {
  return Number(today.slice(0, 4)) === year ? today : `${year}-12-31`
}

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 100
}

type Link = { fromUnitId: string; toUnitId: string | null; ordinal: number; type: string; date: string }

/**
 * Where a unit of an earlier day stands in today's structure (contract.md): followed through merges and splits
 * (to the successor the person was assigned to right after a split, else the first successor). Null when
 * dissolved. Units resolve once each; only people in a unit that was later split are looked up one by one.
 */
function restater(sqlite: Database.Database, today: string) {
  const links = sqlite
    .prepare(
      `SELECT l.from_unit_id AS fromUnitId, l.to_unit_id AS toUnitId, l.ordinal, e.type, e.effective_date AS date
       FROM lineage_links l JOIN lineage_events e ON e.id = l.event_id
       WHERE e.type IN ('merge', 'split', 'dissolve') AND l.from_unit_id IS NOT NULL AND e.effective_date <= ?
       ORDER BY e.effective_date, l.ordinal`,
    )
    .all(today) as Link[]
  const onward = new Map<string, Link[]>()
  for (const link of links) {
    if (link.toUnitId === link.fromUnitId) continue
    onward.set(link.fromUnitId, [...(onward.get(link.fromUnitId) ?? []), link])
  }
  const validToday = new Set(listUnitsAsOf({ asOf: today }).map((u) => u.id))
  const unitsOnDate = sqlite
    .prepare(
      `SELECT unit_id FROM assignments
       WHERE person_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
    )
    .pluck()
  const unitsOn = (personId: string, date: string): Set<string> =>
    new Set(unitsOnDate.all(personId, date, date) as string[])

  /** Follows `unitId` onward; `personId` settles splits (without it, the walk stops at the first split). */
  const walk = (unitId: string, personId: string | null): { unitId: string | null } | { splitAt: string } => {
    const seen = new Set<string>()
    let id: string | null = unitId
    while (id && !seen.has(id)) {
      seen.add(id)
      if (validToday.has(id)) return { unitId: id }
      const next: Link[] = onward.get(id) ?? []
      const first: Link | undefined = next[0]
      if (!first || first.type === 'dissolve' || !first.toUnitId) return { unitId: null }
      if (first.type === 'split') {
        if (!personId) return { splitAt: id }
        // The successor the person was assigned to on the split day (in the split's order), else the first.
        const placed = unitsOn(personId, first.date)
        const successor = next.find((l) => l.date === first.date && l.toUnitId !== null && placed.has(l.toUnitId))
        id = successor?.toUnitId ?? first.toUnitId
      } else id = first.toUnitId
    }
    return { unitId: null }
  }
  return {
    /** The unit of today for everyone placed in `unitId`, or 'per-person' when a split lies on the way. */
    forUnit: (unitId: string): string | null | 'per-person' => {
      const result = walk(unitId, null)
      return 'splitAt' in result ? 'per-person' : result.unitId
    },
    forPerson: (unitId: string, personId: string): string | null => {
      const result = walk(unitId, personId)
      return 'unitId' in result ? result.unitId : null
    },
  }
}

type CoverageParams = { year: number; asOf: string; mode: CoverageMode; today: string }

/** Inserts (unit, ancestor) for every unit of `tree` and every unit above it, itself included. */
function insertClosure(sqlite: Database.Database, table: string, tree: readonly UnitNode[]) {
  const parentOf = new Map(tree.map((u) => [u.id, u.parentId]))
  const insert = sqlite.prepare(`INSERT OR IGNORE INTO ${table} (unit_id, ancestor_id) VALUES (?, ?)`)
  for (const unit of tree) {
    let id: string | null = unit.id
    const seen = new Set<string>()
    while (id && !seen.has(id)) {
      seen.add(id)
      insert.run(unit.id, id)
      id = parentOf.get(id) ?? null
    }
  }
}

const TEMP_TABLES = [
  'cov_place',
  'cov_dtree',
  'cov_ctree',
  'cov_req',
  'cov_done',
  'cov_pc',
  'cov_pt',
  'cov_rq',
  'cov_person',
  'cov_at',
  'cov_multi',
]

/**
 * Fills this connection's temporary tables for one report:
 * - cov_place (person, unit, position, staff type): assignments in force on D of people not yet gone;
 * - cov_dtree / cov_ctree (unit, ancestor): the closure of D's tree and of the chosen structure's tree;
 * - cov_req (person, course): who must take what under the plan of Y, by the audience rule of audience.ts;
 * - cov_done (person, course, tiết): completions (not revoked) and external records dated in Y; cov_pc the
 *   distinct (person, course) of those, cov_pt each person's count and hours;
 * - cov_person: per person required / trained_all / trained_any / person-times / hours;
 * - cov_at (person, unit): where each placement lands in the chosen structure.
 * Synchronous from start to end, so no other request can interleave on the one connection.
 */
function fillCoverageTables({ year, asOf, mode, today }: CoverageParams) {
  const { sqlite } = getConnection()
  for (const table of TEMP_TABLES) sqlite.exec(`DROP TABLE IF EXISTS temp.${table}`)
  sqlite.exec(`
    CREATE TEMP TABLE cov_place (person_id TEXT NOT NULL, unit_id TEXT NOT NULL, position TEXT NOT NULL, staff_type TEXT NOT NULL);
    CREATE TEMP TABLE cov_dtree (unit_id TEXT NOT NULL, ancestor_id TEXT NOT NULL, PRIMARY KEY (unit_id, ancestor_id)) WITHOUT ROWID;
    CREATE TEMP TABLE cov_ctree (unit_id TEXT NOT NULL, ancestor_id TEXT NOT NULL, PRIMARY KEY (unit_id, ancestor_id)) WITHOUT ROWID;
    CREATE TEMP TABLE cov_req (person_id TEXT NOT NULL, course_id TEXT NOT NULL, PRIMARY KEY (person_id, course_id)) WITHOUT ROWID;
    CREATE TEMP TABLE cov_done (person_id TEXT NOT NULL, course_id TEXT, tiet REAL NOT NULL);
    CREATE TEMP TABLE cov_pc (person_id TEXT NOT NULL, course_id TEXT NOT NULL, PRIMARY KEY (person_id, course_id)) WITHOUT ROWID;
    CREATE TEMP TABLE cov_pt (person_id TEXT PRIMARY KEY, times INTEGER, hours REAL) WITHOUT ROWID;
    CREATE TEMP TABLE cov_rq (person_id TEXT PRIMARY KEY, n INTEGER, met INTEGER) WITHOUT ROWID;
    CREATE TEMP TABLE cov_person (person_id TEXT PRIMARY KEY, required INTEGER, trained_all INTEGER, trained_any INTEGER, times INTEGER, hours REAL) WITHOUT ROWID;
    CREATE TEMP TABLE cov_at (person_id TEXT NOT NULL, unit_id TEXT NOT NULL);
  `)
  sqlite
    .prepare(
      `INSERT INTO cov_place
       SELECT a.person_id, a.unit_id, a.position, p.staff_type
       FROM assignments a JOIN people p ON p.id = a.person_id
       WHERE a.valid_from <= @d AND (a.valid_to IS NULL OR a.valid_to >= @d) AND (p.left_on IS NULL OR p.left_on >= @d)`,
    )
    .run({ d: asOf })
  sqlite.exec(
    'CREATE INDEX temp.cov_place_unit ON cov_place (unit_id); CREATE INDEX temp.cov_place_person ON cov_place (person_id)',
  )

  const dayTree = orderAsTree(listUnitsAsOf({ asOf }))
  const chosenTree = mode === 'recorded' ? dayTree : orderAsTree(listUnitsAsOf({ asOf: today }))
  insertClosure(sqlite, 'cov_dtree', dayTree)
  sqlite.exec('CREATE INDEX temp.cov_dtree_ancestor ON cov_dtree (ancestor_id)')
  insertClosure(sqlite, 'cov_ctree', chosenTree)
  sqlite.exec('CREATE INDEX temp.cov_ctree_ancestor ON cov_ctree (ancestor_id)')

  // Required courses, one INSERT … SELECT per requirement of the plan.
  const plan = getPlan({ year })
  for (const requirement of plan?.requirements ?? []) {
    const audience = requirement.audience as Audience
    const course = requirement.courseId
    if ('all' in audience) {
      if (audience.all) sqlite.prepare('INSERT OR IGNORE INTO cov_req SELECT person_id, ? FROM cov_place').run(course)
    } else if ('unitIds' in audience) {
      sqlite
        .prepare(
          `INSERT OR IGNORE INTO cov_req SELECT p.person_id, @course FROM cov_place p
           WHERE p.unit_id IN (SELECT value FROM json_each(@units)
                               UNION SELECT unit_id FROM cov_dtree WHERE ancestor_id IN (SELECT value FROM json_each(@units)))`,
        )
        .run({ course, units: JSON.stringify(audience.unitIds) })
    } else if ('positions' in audience) {
      const wanted = new Set(audience.positions.map(positionKey))
      const present = sqlite
        .prepare("SELECT DISTINCT position FROM cov_place WHERE position <> ''")
        .pluck()
        .all() as string[]
      const matching = present.filter((position) => wanted.has(positionKey(position)))
      sqlite
        .prepare(
          'INSERT OR IGNORE INTO cov_req SELECT person_id, ? FROM cov_place WHERE position IN (SELECT value FROM json_each(?))',
        )
        .run(course, JSON.stringify(matching))
    } else {
      sqlite
        .prepare(
          'INSERT OR IGNORE INTO cov_req SELECT person_id, ? FROM cov_place WHERE staff_type IN (SELECT value FROM json_each(?))',
        )
        .run(course, JSON.stringify(audience.staffTypes))
    }
  }

  sqlite
    .prepare(
      `INSERT INTO cov_done
       SELECT c.person_id, c.course_id, co.duration_tiet FROM completions c JOIN courses co ON co.id = c.course_id
       WHERE c.revoked_at IS NULL AND c.completed_on BETWEEN @from AND @to
       UNION ALL
       SELECT person_id, course_id, duration_tiet FROM external_records WHERE completed_on BETWEEN @from AND @to`,
    )
    .run({ from: `${year}-01-01`, to: `${year}-12-31` })
  // Per person and course (for "trained in all") and per person (times, hours); then the person's facts.
  sqlite.exec(`
    INSERT OR IGNORE INTO cov_pc SELECT person_id, course_id FROM cov_done WHERE course_id IS NOT NULL;`)
  sqlite.exec(`INSERT INTO cov_pt SELECT person_id, COUNT(*), SUM(tiet) FROM cov_done GROUP BY person_id;`)
  sqlite.exec(`
    INSERT INTO cov_rq SELECT r.person_id, COUNT(*), COUNT(d.person_id)
    FROM cov_req r LEFT JOIN cov_pc d ON d.person_id = r.person_id AND d.course_id = r.course_id GROUP BY r.person_id`)
  sqlite.exec(`
    INSERT INTO cov_person
    SELECT p.person_id, COALESCE(rq.n, 0) > 0, COALESCE(rq.n, 0) > 0 AND rq.met = rq.n,
      COALESCE(t.times, 0) > 0, COALESCE(t.times, 0), COALESCE(t.hours, 0)
    FROM (SELECT DISTINCT person_id FROM cov_place) p
    LEFT JOIN cov_rq rq ON rq.person_id = p.person_id
    LEFT JOIN cov_pt t ON t.person_id = p.person_id;
  `)

  // Where each placement lands in the chosen structure.
  if (mode === 'recorded') {
    sqlite.exec(
      'INSERT INTO cov_at SELECT person_id, unit_id FROM cov_place WHERE unit_id IN (SELECT unit_id FROM cov_ctree)',
    )
  } else {
    const restate = restater(sqlite, today)
    const chosen = new Set(chosenTree.map((u) => u.id))
    const placeAll = sqlite.prepare('INSERT INTO cov_at SELECT person_id, ? FROM cov_place WHERE unit_id = ?')
    const placeOne = sqlite.prepare('INSERT INTO cov_at VALUES (?, ?)')
    const peopleIn = sqlite.prepare('SELECT DISTINCT person_id FROM cov_place WHERE unit_id = ?').pluck()
    const units = sqlite.prepare('SELECT DISTINCT unit_id FROM cov_place').pluck().all() as string[]
    for (const unitId of units) {
      const target = restate.forUnit(unitId)
      if (target === 'per-person') {
        for (const personId of peopleIn.all(unitId) as string[]) {
          const own = restate.forPerson(unitId, personId)
          if (own && chosen.has(own)) placeOne.run(personId, own)
        }
      } else if (target && chosen.has(target)) placeAll.run(target, unitId)
    }
  }
  sqlite.exec('CREATE INDEX temp.cov_at_unit ON cov_at (unit_id)')
  return { sqlite, plan, chosenTree }
}

type UnitTotals = {
  unitId: string
  headcount: number
  required: number
  trainedAll: number
  trainedAny: number
  personTimes: number
  hours: number
}

const TOTALS = `COUNT(*) AS headcount, SUM(f.required) AS required, SUM(f.trained_all) AS trainedAll,
  SUM(f.trained_any) AS trainedAny, SUM(f.times) AS personTimes, SUM(f.hours) AS hours`

/**
 * Every unit's figures, each person counted once in each unit at or above any of their placements. Almost
 * everyone has one placement: those are summed per unit in SQL and rolled up the tree here (a few thousand units
 * at most). People with several placements are counted through DISTINCT (unit above, person) pairs.
 */
function sumByUnit(sqlite: Database.Database, tree: readonly UnitNode[]): UnitTotals[] {
  sqlite.exec(`CREATE TEMP TABLE cov_multi AS SELECT person_id FROM cov_place GROUP BY person_id HAVING COUNT(*) > 1;
               CREATE UNIQUE INDEX temp.cov_multi_person ON cov_multi (person_id)`)
  const single = sqlite
    .prepare(
      `SELECT a.unit_id AS unitId, ${TOTALS} FROM cov_at a JOIN cov_person f ON f.person_id = a.person_id
       WHERE a.person_id NOT IN (SELECT person_id FROM cov_multi) GROUP BY a.unit_id`,
    )
    .all() as UnitTotals[]
  const several = sqlite
    .prepare(
      `SELECT x.ancestor_id AS unitId, ${TOTALS}
       FROM (SELECT DISTINCT t.ancestor_id, a.person_id FROM cov_at a JOIN cov_ctree t ON t.unit_id = a.unit_id
             WHERE a.person_id IN (SELECT person_id FROM cov_multi)) x
       JOIN cov_person f ON f.person_id = x.person_id GROUP BY x.ancestor_id`,
    )
    .all() as UnitTotals[]
  const parentOf = new Map(tree.map((u) => [u.id, u.parentId]))
  const totals = new Map<string, UnitTotals>()
  const add = (unitId: string, t: UnitTotals) => {
    const into = totals.get(unitId) ?? {
      unitId,
      headcount: 0,
      required: 0,
      trainedAll: 0,
      trainedAny: 0,
      personTimes: 0,
      hours: 0,
    }
    into.headcount += t.headcount
    into.required += t.required
    into.trainedAll += t.trainedAll
    into.trainedAny += t.trainedAny
    into.personTimes += t.personTimes
    into.hours += t.hours
    totals.set(unitId, into)
  }
  for (const t of single) {
    const seen = new Set<string>()
    for (let id: string | null = t.unitId; id && !seen.has(id); id = parentOf.get(id) ?? null) {
      seen.add(id)
      add(id, t)
    }
  }
  for (const t of several) add(t.unitId, t)
  return [...totals.values()]
}

/** The coverage report of `year` on `asOf`, one row per unit of the chosen structure (below `rootUnitId` if given). */
export function listCoverage({
  year,
  asOf: givenAsOf,
  mode = 'recorded',
  rootUnitId = null,
  today = isoDateInVietnam(),
}: {
  year: number
  asOf?: string
  mode?: CoverageMode
  rootUnitId?: string | null
  today?: string
}): CoverageReport {
  const asOf = givenAsOf ?? defaultAsOf(year, today)
  // The structure a restated report maps onto is today's; a recorded one does not depend on today.
  const key = JSON.stringify([year, asOf, mode, mode === 'restated' ? today : null])
  const { sqlite } = getConnection()
  const reportCache = cacheOf(sqlite)
  const cached = reportCache.get(key)
  if (cached && cached.generation === readGeneration(sqlite)) {
    return rootUnitId ? subtreeOfReport(cached.report, rootUnitId) : cached.report
  }
  const { plan, chosenTree, totals, generation } = withCoverageTables(
    { year, asOf, mode, today },
    ({ sqlite, plan, chosenTree }) => ({
      plan,
      chosenTree,
      totals: sumByUnit(sqlite, chosenTree),
      generation: readGeneration(sqlite),
    }),
  )
  const byUnit = new Map(totals.map((t) => [t.unitId, t]))
  const report: CoverageReport = {
    year,
    asOf,
    mode,
    rows: chosenTree.map((unit) => {
      const t = byUnit.get(unit.id)
      const headcount = t?.headcount ?? 0
      const required = t?.required ?? 0
      const trainedAll = t?.trainedAll ?? 0
      const trainedAny = t?.trainedAny ?? 0
      return {
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        unitKind: unit.kind,
        parentId: unit.parentId,
        depth: unit.depth,
        headcount,
        required,
        trainedAll,
        trainedAny,
        personTimes: t?.personTimes ?? 0,
        learningHours: Math.round((t?.hours ?? 0) * 100) / 100,
        coveragePct: pct(trainedAll, required),
        reachPct: pct(trainedAny, headcount),
        targetPct: plan?.targetPct ?? null,
      }
    }),
  }
  deepFreeze(report)
  if (generation !== null) {
    reportCache.delete(key)
    reportCache.set(key, { generation, report })
    if (reportCache.size > REPORT_CACHE_SIZE) reportCache.delete(reportCache.keys().next().value!)
  }
  return rootUnitId ? subtreeOfReport(report, rootUnitId) : report
}

/**
 * Reports already computed, by their parameters, with the data generation they were computed on: the
 * `report_generation` counter that triggers on every table behind the report move on each write, from any
 * connection (migration 0002). A hit is served only while the counter has not moved, so a cached report is
 * always the report the data gives now. Frozen, because callers share it.
 */
const REPORT_CACHE_SIZE = 24
type ReportCache = Map<string, { generation: number; report: CoverageReport }>
const reportCaches = new WeakMap<Database.Database, ReportCache>()

/** One cache per connection: another database (a test's, a restored one) never sees this one's reports. */
function cacheOf(sqlite: Database.Database): ReportCache {
  let cache = reportCaches.get(sqlite)
  if (!cache) reportCaches.set(sqlite, (cache = new Map()))
  return cache
}

function readGeneration(sqlite: Database.Database): number | null {
  const row = sqlite.prepare('SELECT n FROM report_generation WHERE id = 1').get() as { n: number } | undefined
  return row?.n ?? null
}

function deepFreeze(report: CoverageReport) {
  for (const row of report.rows) Object.freeze(row)
  Object.freeze(report.rows)
  Object.freeze(report)
}

function dropCoverageTables(sqlite: Database.Database) {
  for (const table of TEMP_TABLES) sqlite.exec(`DROP TABLE IF EXISTS temp.${table}`)
}

/**
 * Fills the tables, runs `read` on them and drops them, in one transaction: one consistent snapshot of the data
 * (WAL), and the temporary tables' writes committed once rather than statement by statement.
 */
function withCoverageTables<T>(params: CoverageParams, read: (filled: ReturnType<typeof fillCoverageTables>) => T): T {
  const { sqlite } = getConnection()
  return sqlite.transaction(() => {
    try {
      return read(fillCoverageTables(params))
    } finally {
      dropCoverageTables(sqlite)
    }
  })()
}

/** The rows of `rootUnitId` and every unit below it, depths counted from that unit (empty when it is not there). */
export function subtreeOfReport(report: CoverageReport, rootUnitId: string): CoverageReport {
  const parentOf = new Map(report.rows.map((r) => [r.unitId, r.parentId]))
  const within = (unitId: string) => {
    const seen = new Set<string>()
    let id: string | null = unitId
    while (id && !seen.has(id)) {
      if (id === rootUnitId) return true
      seen.add(id)
      id = parentOf.get(id) ?? null
    }
    return false
  }
  const rows = report.rows.filter((r) => within(r.unitId))
  const baseDepth = rows[0]?.depth ?? 0
  return { ...report, rows: rows.map((r) => ({ ...r, depth: r.depth - baseDepth })) }
}

export type CoveragePerson = {
  personId: string
  ho: string
  chuDem: string
  ten: string
  /** The unit of the chosen structure the person sits in (the first, for people in two). */
  unitName: string
  required: string[]
  completed: string[]
  /** Required courses without a completion dated in the year. */
  missing: string[]
  personTimes: number
}

/**
 * The people behind one row of the report — the unit's subtree in the chosen structure — with the courses
 * required of each, those done in the year and those missing. Same tables, same rules as `listCoverage`.
 */
export function listCoveragePeople({
  year,
  asOf: givenAsOf,
  mode = 'recorded',
  unitId,
  today = isoDateInVietnam(),
}: {
  year: number
  asOf?: string
  mode?: CoverageMode
  unitId: string
  today?: string
}): CoveragePerson[] {
  const asOf = givenAsOf ?? defaultAsOf(year, today)
  const { chosenTree, rows } = withCoverageTables({ year, asOf, mode, today }, ({ sqlite, chosenTree }) => ({
    chosenTree,
    rows: sqlite
      .prepare(
        `SELECT p.id AS personId, p.ho, p.chu_dem AS chuDem, p.ten, MIN(a.unit_id) AS unitId, f.times AS personTimes,
              (SELECT json_group_array(course_id) FROM (SELECT course_id FROM cov_req r WHERE r.person_id = p.id ORDER BY course_id)) AS required,
              (SELECT json_group_array(course_id) FROM (SELECT course_id FROM cov_pc d WHERE d.person_id = p.id ORDER BY course_id)) AS completed
       FROM cov_at a JOIN cov_ctree t ON t.unit_id = a.unit_id AND t.ancestor_id = ?
       JOIN people p ON p.id = a.person_id JOIN cov_person f ON f.person_id = p.id
       GROUP BY p.id`,
      )
      .all(unitId) as {
      personId: string
      ho: string
      chuDem: string | null
      ten: string
      unitId: string
      personTimes: number
      required: string
      completed: string
    }[],
  }))
  const nameOf = new Map(chosenTree.map((u) => [u.id, u.name]))
  return rows.map((r) => {
    const required = JSON.parse(r.required) as string[]
    const completed = JSON.parse(r.completed) as string[]
    return {
      personId: r.personId,
      ho: r.ho,
      chuDem: r.chuDem ?? '',
      ten: r.ten,
      unitName: nameOf.get(r.unitId) ?? '',
      required,
      completed,
      missing: required.filter((c) => !completed.includes(c)),
      personTimes: r.personTimes,
    }
  })
}
