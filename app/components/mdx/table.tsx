import { Children, isValidElement, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { nodeText } from './shared'
import { mdxStrings } from './strings'

/** The header cells' text, to name the scroll box ("Bảng: Cột, Ví dụ, Ghi chú"). */
function headerNames(children: ReactNode): string[] {
  const names: string[] = []
  const visit = (node: ReactNode) =>
    Children.forEach(node, (child) => {
      if (!isValidElement<{ children?: ReactNode }>(child)) return
      if (child.type === 'th') names.push(nodeText(child.props.children).trim())
      else if (child.type === 'thead' || child.type === 'tr') visit(child.props.children)
    })
  visit(children)
  return names.filter(Boolean)
}

/**
 * Markdown tables scroll sideways inside their own box on small screens. The box is focusable so keyboard users
 * can scroll it, and named so that focus stop makes sense to screen reader users.
 */
export function Table(props: ComponentPropsWithoutRef<'table'>) {
  const names = headerNames(props.children)
  const label = names.length
    ? `${mdxStrings.table.regionLabel}: ${names.join(', ')} (${mdxStrings.table.scrollHint})`
    : `${mdxStrings.table.regionLabel} (${mdxStrings.table.scrollHint})`
  return (
    <div className="table-scroll lesson-table" role="region" aria-label={label} tabIndex={0}>
      <table {...props} />
    </div>
  )
}
