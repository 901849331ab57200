/** /team and its export read the same query and the same scope. */
import { z } from 'zod'
import type { SessionUser } from '~/auth/session.server'
import { isoDateInVietnam } from '~/i18n/format'
import { getTeamReadiness, type TeamMember, type TeamReadiness } from './team.server'

export const TeamQuery = z.object({ status: z.enum(['all', 'overdue', 'not_started']).catch('all') })

/** The readiness of the units the user heads (HR and admins: the whole organisation). */
export function teamForUser({ user }: { user: SessionUser }): TeamReadiness & { hasScope: boolean } {
  const today = isoDateInVietnam()
  const whole = user.roles.some((g) => (g.role === 'hr' || g.role === 'admin') && g.unitId === null)
  const roots = whole ? null : user.roles.filter((g) => g.role === 'unit_head' && g.unitId).map((g) => g.unitId!)
  if (roots && roots.length === 0) return { year: Number(today.slice(0, 4)), courses: [], members: [], readinessPct: null, hasScope: false }
  return { ...getTeamReadiness({ rootUnitIds: roots, year: Number(today.slice(0, 4)), today }), hasScope: true }
}

export function filterMembers(members: readonly TeamMember[], status: 'all' | 'overdue' | 'not_started'): TeamMember[] {
  return status === 'all' ? [...members] : members.filter((m) => m.cells.some((c) => c.status === status))
}
