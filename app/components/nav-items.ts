import type { Role } from '~/db/enums'
import type { MessageKey } from '~/i18n'

type NavGroupKey = 'learning' | 'organisation' | 'reports' | 'imports' | 'admin'

/** The main navigation, by role. A link shows when the user holds one of `roles` (admins see everything). */
export const NAV_ITEMS: readonly { to: string; label: MessageKey; roles: readonly Role[]; group?: NavGroupKey }[] = [
  { to: '/', label: 'nav.home', roles: ['learner', 'unit_head', 'hr', 'admin'] },
  { to: '/learn', label: 'nav.learn', roles: ['learner'], group: 'learning' },
  { to: '/courses', label: 'nav.courses', roles: ['learner', 'unit_head', 'hr', 'admin'], group: 'learning' },
  { to: '/team', label: 'nav.team', roles: ['unit_head'], group: 'organisation' },
  { to: '/org', label: 'nav.organisation', roles: ['unit_head', 'hr'], group: 'organisation' },
  { to: '/people', label: 'nav.people', roles: ['unit_head', 'hr'], group: 'organisation' },
  { to: '/plans', label: 'nav.plans', roles: ['hr'], group: 'organisation' },
  { to: '/reports/coverage', label: 'nav.coverage', roles: ['unit_head', 'hr'], group: 'reports' },
  { to: '/reports/questions', label: 'nav.questionStats', roles: ['hr'], group: 'reports' },
  { to: '/imports/roster', label: 'nav.importRoster', roles: ['hr'], group: 'imports' },
  { to: '/imports/completions', label: 'nav.importRecords', roles: ['hr'], group: 'imports' },
  { to: '/admin/audit', label: 'nav.audit', roles: ['hr', 'admin'], group: 'admin' },
  { to: '/admin/tokens', label: 'nav.apiTokens', roles: ['admin'], group: 'admin' },
]

const GROUP_LABELS: Record<NavGroupKey, MessageKey> = {
  learning: 'nav.group.learning',
  organisation: 'nav.group.organisation',
  reports: 'nav.group.reports',
  imports: 'nav.group.imports',
  admin: 'nav.group.admin',
}

export type NavLinkItem = { to: string; label: MessageKey }
export type NavEntry =
  | { kind: 'link'; to: string; label: MessageKey }
  | { kind: 'group'; key: NavGroupKey; label: MessageKey; items: NavLinkItem[] }

/** Up to this many links stay one flat row; more are folded into groups (one line at 1366 px, in either language). */
const FLAT_MAX = 5

export function navItemsFor(roles: readonly Role[]): NavLinkItem[] {
  const isAdmin = roles.includes('admin')
  return NAV_ITEMS.filter((item) => isAdmin || item.roles.some((role) => roles.includes(role))).map((item) => ({
    to: item.to,
    label: item.label,
  }))
}

/** The navigation as the header shows it: a few links, or groups (disclosure menus); a group of one is a link. */
export function navEntriesFor(roles: readonly Role[]): NavEntry[] {
  const items = navItemsFor(roles)
  if (items.length <= FLAT_MAX) return items.map((item) => ({ kind: 'link', ...item }))
  const groupOf = new Map(NAV_ITEMS.map((item) => [item.to, item.group]))
  const entries: NavEntry[] = []
  for (const item of items) {
    const key = groupOf.get(item.to)
    const existing = key
      ? entries.find((e): e is Extract<NavEntry, { kind: 'group' }> => e.kind === 'group' && e.key === key)
      : undefined
    if (existing) existing.items.push(item)
    else if (key) entries.push({ kind: 'group', key, label: GROUP_LABELS[key], items: [item] })
    else entries.push({ kind: 'link', ...item })
  }
  return entries.map((entry) =>
    entry.kind === 'group' && entry.items.length === 1 ? { kind: 'link', ...entry.items[0]! } : entry,
  )
}
