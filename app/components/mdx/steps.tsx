import { Children, createContext, isValidElement, useContext, type ReactNode } from 'react'
import { z } from 'zod'
import { isBlank, parseProps } from './shared'

const StepsProps = z.strictObject({ children: z.custom<ReactNode>().optional() })
const StepProps = z.strictObject({
  title: z.string({ error: 'title is required' }).trim().min(1, 'title must not be empty'),
  children: z.custom<ReactNode>().optional(),
})

const InsideSteps = createContext(false)

/** A numbered procedure: an ordered list whose items are <Step>s. */
export function Steps(props: { children?: ReactNode }) {
  const { children } = parseProps('Steps', StepsProps, props)
  const items = Children.toArray(children).filter((child) => !isBlank(child))
  if (items.length === 0) throw new Error('<Steps>: put at least one <Step title="…"> inside')
  for (const item of items) {
    if (!isValidElement(item) || item.type !== Step) {
      throw new Error('<Steps>: only <Step title="…">…</Step> elements may be placed directly inside <Steps>')
    }
  }
  // role="list": the numbers are drawn with CSS counters, and Safari drops list semantics with list-style: none.
  return (
    <InsideSteps.Provider value={true}>
      <ol className="steps" role="list">
        {items}
      </ol>
    </InsideSteps.Provider>
  )
}

/** One step of a <Steps> procedure. */
export function Step(props: { title: string; children?: ReactNode }) {
  const { title, children } = parseProps('Step', StepProps, props)
  if (!useContext(InsideSteps)) throw new Error(`<Step title="${title}">: a <Step> must be placed inside <Steps>`)
  return (
    <li className="step">
      <p className="step-title">{title}</p>
      {isBlank(children) ? null : <div className="step-body">{children}</div>}
    </li>
  )
}
