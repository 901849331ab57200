/** Where a person stands on a required course: one definition for /learn, /team and the reports. */
export type CourseStatus = 'done' | 'overdue' | 'in_progress' | 'not_started'

export function courseStatus({
  completedOn,
  lessonsDone,
  dueDate,
  today,
}: {
  /** Date of a completion that counts for this year, if any. */
  completedOn: string | null
  lessonsDone: number
  dueDate: string | null
  today: string
}): CourseStatus {
  if (completedOn) return 'done'
  if (dueDate && dueDate < today) return 'overdue'
  return lessonsDone > 0 ? 'in_progress' : 'not_started'
}
