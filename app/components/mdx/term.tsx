import type { ReactNode } from 'react'
import { z } from 'zod'
import { cleanText, compareVietnamese } from '~/i18n/format'
import { useLessonContext } from './lesson-context'
import { nodeText, parseProps, useMdxId } from './shared'
import { mdxStrings } from './strings'

const TermProps = z.strictObject({
  def: z.string({ error: 'def (the definition) is required' }).trim().min(1, 'def (the definition) must not be empty'),
  children: z.custom<ReactNode>().optional(),
})

/**
 * A glossary term. The definition is a tooltip shown on hover and keyboard focus by CSS alone (lesson.css); it is
 * also the term's accessible description, and the term is listed in the lesson's glossary.
 */
export function Term(props: { def: string; children?: ReactNode }) {
  const { def, children } = parseProps('Term', TermProps, props)
  const term = cleanText(nodeText(children))
  if (!term) throw new Error(`<Term def="${def}">: write the term between <Term …> and </Term>`)
  const definition = cleanText(def)
  const { registerTerm } = useLessonContext()
  registerTerm(term, definition)
  const id = useMdxId('term')
  return (
    <span className="term">
      <dfn className="term-word" tabIndex={0} aria-describedby={id}>
        {children}
      </dfn>
      <span className="term-def" role="tooltip" id={id}>
        {definition}
      </span>
    </span>
  )
}

export type GlossaryEntry = { term: string; definition: string }

/** The terms of a lesson, in Vietnamese alphabetical order; nothing when the lesson has none. */
export function Glossary({ terms }: { terms: readonly GlossaryEntry[] }) {
  if (terms.length === 0) return null
  const seen = new Set<string>()
  const entries = terms
    .filter((entry) => !seen.has(entry.term) && seen.add(entry.term))
    .sort((a, b) => compareVietnamese(a.term, b.term))
  // A fixed id: the glossary is rendered on its own, apart from the lesson, and appears once a page.
  return (
    <section className="glossary" aria-labelledby="thuat-ngu-trong-bai">
      <h2 id="thuat-ngu-trong-bai">{mdxStrings.glossary.heading}</h2>
      <dl>
        {entries.map((entry) => (
          <div className="glossary-entry" key={entry.term}>
            <dt>{entry.term}</dt>
            <dd>{entry.definition}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
