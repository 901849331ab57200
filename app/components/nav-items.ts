import type { Role } from '~/db/enums'
import type { MessageKey } from '~/i18n'

/** The main navigation, by role. A link shows when the user holds one of `roles` (admins see everything). */
export const NAV_ITEMS: readonly { to: string; label: MessageKey; roles: readonly Role[] }[] = [
  { to: '/', label: 'nav.home', roles: ['learner', 'unit_head', 'hr', 'admin'] },
  { to: '/learn', label: 'nav.learn', roles: ['learner'] },
  { to: '/courses', label: 'nav.courses', roles: ['learner', 'unit_head', 'hr', 'admin'] },
  { to: '/team', label: 'nav.team', roles: ['unit_head'] },
  { to: '/org', label: 'nav.organisation', roles: ['unit_head', 'hr'] },
  { to: '/people', label: 'nav.people', roles: ['unit_head', 'hr'] },
  { to: '/plans', label: 'nav.plans', roles: ['hr'] },
  { to: '/reports/coverage', label: 'nav.coverage', roles: ['unit_head', 'hr'] },
  { to: '/imports/roster', label: 'nav.importRoster', roles: ['hr'] },
  { to: '/imports/completions', label: 'nav.importRecords', roles: ['hr'] },
  { to: '/reports/questions', label: 'nav.questionStats', roles: ['hr'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['hr', 'admin'] },
  { to: '/admin/tokens', label: 'nav.apiTokens', roles: ['admin'] },
]

export function navItemsFor(roles: readonly Role[]) {
  const isAdmin = roles.includes('admin')
  return NAV_ITEMS.filter((item) => isAdmin || item.roles.some((role) => roles.includes(role))).map((item) => ({
    to: item.to,
    label: item.label,
  }))
}
