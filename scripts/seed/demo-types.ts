/**
 * The demo organisation as plain data: what `buildDemoOrg()` returns and `applyDemoOrg()` writes.
 * Keys (`key`) are deterministic ids; dates are ISO `YYYY-MM-DD`, ranges inclusive, `null` = open.
 */
import type { LineageEventType, StaffType, UnitKind, Sex, Role } from '../../app/db/schema'

export type DemoUnitVersion = {
  code: string
  name: string
  kind: UnitKind
  /** `key` of the parent unit, or null for a root. */
  parentKey: string | null
  validFrom: string
  validTo: string | null
}

export type DemoUnit = {
  /** Stable unit id, e.g. `u-qldd`. */
  key: string
  /** Versions in date order, without gaps while the unit exists. */
  versions: DemoUnitVersion[]
}

export type DemoDecision = { number: string; date: string; issuer: string }

export type DemoEvent = {
  type: LineageEventType
  /** Effective date: the old units' last version ends the day before. */
  date: string
  decision: DemoDecision
  /** Units the event ends or changes (rename/move: the unit itself). */
  fromKeys: string[]
  /** Units that carry on (merge: the new unit; split: successors, first one first; rename/move: the unit itself). */
  toKeys: string[]
  note?: string
}

export type DemoAssignment = {
  unitKey: string
  /** Chức vụ, '' for none. */
  position: string
  validFrom: string
  validTo: string | null
}

export type DemoPerson = {
  /** Số định danh cá nhân, 12 digits, unique. */
  nationalId: string
  ho: string
  chuDem: string
  ten: string
  birthDate: string
  sex: Sex
  email: string | null
  /** Ngạch or chức danh nghề nghiệp, e.g. 'Chuyên viên', 'Chuyên viên chính', 'Kỹ sư hạng III'. */
  rank: string
  staffType: StaffType
  /** Last working day, or null while employed. */
  leftOn: string | null
  /** In date order, not overlapping; every one inside a valid version of its unit. */
  assignments: DemoAssignment[]
}

export type DemoAccount = {
  username: string
  displayName: string
  role: Role
  /** The person the account belongs to (by nationalId), or null for a technical account. */
  personNationalId: string | null
  /** Scope root for unit_head / hr (unit key), null = whole organisation. */
  scopeUnitKey: string | null
}

export type DemoOrg = {
  units: DemoUnit[]
  events: DemoEvent[]
  people: DemoPerson[]
  accounts: DemoAccount[]
}
