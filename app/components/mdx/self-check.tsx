import type { ReactNode } from 'react'
import { z } from 'zod'
import { isBlank, parseProps, useMdxId } from './shared'
import { mdxStrings } from './strings'

const SelfCheckProps = z.strictObject({
  question: z.string({ error: 'question is required' }).trim().min(1, 'question must not be empty'),
  children: z.custom<ReactNode>().optional(),
})

/** A question the learner answers alone; the suggested answer opens with <details>, no script needed. */
export function SelfCheck(props: { question: string; children?: ReactNode }) {
  const { question, children } = parseProps('SelfCheck', SelfCheckProps, props)
  if (isBlank(children)) throw new Error(`<SelfCheck question="${question}">: write the suggested answer inside the tag`)
  const id = useMdxId('selfcheck')
  return (
    <div className="self-check" role="group" aria-labelledby={id}>
      <p className="self-check-question" id={id}>
        <span className="self-check-label">{mdxStrings.selfCheck.label}: </span>
        {question}
      </p>
      <details className="self-check-details">
        <summary>{mdxStrings.selfCheck.reveal}</summary>
        <div className="self-check-answer">{children}</div>
      </details>
    </div>
  )
}
