import type { ReactNode } from 'react'
import { z } from 'zod'
import { foldForSearch } from '~/i18n/format'
import { parseProps, useMdxId } from './shared'
import { mdxStrings } from './strings'

const CalloutProps = z.strictObject({
  kind: z.enum(['info', 'tip', 'warning', 'law']).default('info'),
  title: z.string().trim().min(1, 'title, when given, must not be empty').optional(),
  children: z.custom<ReactNode>().optional(),
})

/** Decorative glyphs: the kind is also written out in words, so colour and glyph are never the only signal. */
const GLYPHS = { info: 'i', tip: '✓', warning: '!', law: '§' } as const

/** A note beside the main text. role="note" rather than a landmark: a lesson has many of them. */
export function Callout(props: { kind?: string; title?: string; children?: ReactNode }) {
  const { kind, title, children } = parseProps('Callout', CalloutProps, props)
  const id = useMdxId('callout')
  const kindLabel = mdxStrings.callout[kind]
  // "Căn cứ pháp lý" as the title of a law callout would otherwise read twice.
  const showKind = !title || foldForSearch(title) !== foldForSearch(kindLabel)
  return (
    <aside className={`callout callout-${kind}`} role="note" aria-labelledby={id}>
      <p className="callout-title" id={id}>
        <span className="callout-glyph" aria-hidden="true">
          {GLYPHS[kind]}
        </span>
        {showKind ? <span className="callout-kind">{title ? `${kindLabel}: ` : kindLabel}</span> : null}
        {title ? <span className="callout-heading">{title}</span> : null}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  )
}
