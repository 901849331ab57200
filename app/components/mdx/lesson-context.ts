/**
 * What the MDX components may ask of the lesson being rendered. Lessons are rendered to static HTML on the
 * server (once per content version) with this context; interactive parts hydrate as islands in the browser.
 */
import { createContext, useContext } from 'react'

export type Dataset = {
  /** Column names from the CSV header row, in order. */
  columns: string[]
  /** Cells as read: a number for a numeric cell, a string otherwise, null for an empty cell. */
  rows: (string | number | null)[][]
}

export type LessonContextValue = {
  /** Public URL of a file in the course's assets/ folder, or null when it does not exist. */
  assetUrl: (src: string) => string | null
  /** A data set from the course's datasets/ folder, or null when it does not exist. */
  dataset: (src: string) => Dataset | null
  /** Records a glossary term used in the lesson (listed at its end). */
  registerTerm: (term: string, definition: string) => void
}

export const LessonContext = createContext<LessonContextValue | null>(null)

export function useLessonContext(): LessonContextValue {
  const value = useContext(LessonContext)
  if (!value) throw new Error('MDX components render only inside a lesson (LessonContext is missing).')
  return value
}
