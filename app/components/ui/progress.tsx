import { useT } from '~/i18n/use-t'

/** A course's progress as a labelled bar: "Đã học 3/5 bài". */
export function CourseProgress({ done, total }: { done: number; total: number }) {
  const t = useT()
  return (
    <div className="progress">
      <progress value={done} max={Math.max(total, 1)} aria-label={t('course.progressLabel')} />
      <span className="progress-text">{t('course.progress', { done, total })}</span>
    </div>
  )
}
