import type { CourseStatus } from '~/models/status'
import { useT } from '~/i18n/use-t'

/** A course status in words and colour (never colour alone). */
export function StatusBadge({ status, text }: { status: CourseStatus; text?: string }) {
  const t = useT()
  const label = { done: t('status.done'), overdue: t('status.overdue'), in_progress: t('status.inProgress'), not_started: t('status.notStarted') }[status]
  return <span className={`status status-${status}`}>{text ?? label}</span>
}
