/** The audience kinds of the plan form (shared by the form's server code and the page). */
export const AUDIENCE_KINDS = ['all', 'units', 'positions', 'staffTypes'] as const
export type AudienceKind = (typeof AUDIENCE_KINDS)[number]
