import { Fragment, type ReactNode } from 'react'

/**
 * Fills a catalogue template with React nodes, so that parts of a translated sentence can be emphasised:
 * `fillTemplate(t('certificate.doc.body'), { name: <strong>…</strong> })`. Unknown placeholders stay visible,
 * as with `t()`.
 */
export function fillTemplate(template: string, values: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/(\{\w+\})/g)
  return parts.map((part, index) => {
    const match = /^\{(\w+)\}$/.exec(part)
    const key = match?.[1]
    return <Fragment key={index}>{key !== undefined && key in values ? values[key] : part}</Fragment>
  })
}
