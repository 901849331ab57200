/** Helpers shared by the lesson components: prop validation, ids, plain text of children. */
import { Children, isValidElement, useId, type ReactNode } from 'react'
import type { z } from 'zod'

/**
 * Validates a component's props with `schema`; on failure throws an Error naming the component and every
 * problem, so the content check points the author to the mistake.
 */
export function parseProps<S extends z.ZodType>(component: string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.reduce<string>(
      (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
      '',
    )
    return where ? `${where}: ${issue.message}` : issue.message
  })
  throw new Error(`<${component}>: ${problems.join('; ')}`)
}

/**
 * An id unique within one render, prefixed so it cannot collide with ids React gives the page around the lesson
 * HTML (both renders start from the same counter). Colons are dropped so the id also works in CSS selectors.
 */
export function useMdxId(kind: string): string {
  return `mdx-${kind}-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
}

/** The plain text of rendered children (for glossary entries and accessible names). */
export function nodeText(node: ReactNode): string {
  let text = ''
  Children.forEach(node, (child) => {
    if (typeof child === 'string' || typeof child === 'number') text += String(child)
    else if (isValidElement<{ children?: ReactNode }>(child)) text += nodeText(child.props.children)
  })
  return text
}

/** True for children that render nothing visible (MDX puts "\n" strings between block elements). */
export function isBlank(node: ReactNode): boolean {
  return node === null || node === undefined || typeof node === 'boolean' || (typeof node === 'string' && node.trim() === '')
}
