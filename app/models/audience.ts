/**
 * Who a plan requirement applies to (product.md, "Coverage"): on a date D, a person matches an audience when
 * they are in post and match it — all staff; assigned to a listed unit or a unit below it (as the tree stood on
 * D); holding a listed position; of a listed staff type. Pure, so reports and learner pages share one meaning.
 */
import type { StaffType } from '~/db/enums'

export type Audience =
  | { all: true }
  | { unitIds: string[] }
  | { positions: string[] }
  | { staffTypes: StaffType[] }

export type PersonOnDate = {
  staffType: StaffType
  /** The person's assignments in force on D: each unit with the ids of its ancestors on D, and the position. */
  placements: { unitId: string; ancestorIds: readonly string[]; position: string }[]
}

/** A position as compared by audiences: NFC, trimmed, lower case (so "Trưởng phòng" matches "trưởng phòng "). */
export function positionKey(position: string): string {
  return position.normalize('NFC').trim().toLocaleLowerCase('vi')
}

function samePosition(a: string, b: string): boolean {
  return positionKey(a) === positionKey(b)
}

export function audienceMatches(audience: Audience, person: PersonOnDate): boolean {
  if (person.placements.length === 0) return false
  if ('all' in audience) return audience.all === true
  if ('unitIds' in audience) {
    const wanted = new Set(audience.unitIds)
    return person.placements.some((p) => wanted.has(p.unitId) || p.ancestorIds.some((id) => wanted.has(id)))
  }
  if ('positions' in audience) {
    return person.placements.some((p) => p.position !== '' && audience.positions.some((wanted) => samePosition(wanted, p.position)))
  }
  return audience.staffTypes.includes(person.staffType)
}
