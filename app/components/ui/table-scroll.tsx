import type { ReactNode } from 'react'

/**
 * A wide table's own scrolling box (the page itself never scrolls sideways). It takes the keyboard focus, so the
 * table can be scrolled with the arrow keys even when it holds nothing focusable, and is a region named by the
 * table's heading.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  )
}
