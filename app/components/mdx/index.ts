/**
 * Every component an MDX lesson may use, and only those. Rendered once on the server to static HTML
 * (renderToStaticMarkup inside a LessonContext.Provider); the DataExplorer island is mounted in the browser by
 * mountIslands from './islands' (import that module directly in browser code, not this one). Styles:
 * app/styles/lesson.css.
 */
import { BarChart } from './bar-chart'
import { Callout } from './callout'
import { DataExplorer } from './data-explorer'
import { Figure } from './figure'
import { LineChart } from './line-chart'
import { SelfCheck } from './self-check'
import { Step, Steps } from './steps'
import { Table } from './table'
import { Term } from './term'

export { Glossary, type GlossaryEntry } from './term'
export { BarChart, Callout, DataExplorer, Figure, LineChart, SelfCheck, Step, Steps, Table, Term }

export const mdxComponents = { Callout, Figure, Steps, Step, Term, BarChart, LineChart, SelfCheck, DataExplorer, table: Table }

export const ALLOWED_MDX_COMPONENTS = [
  'Callout',
  'Figure',
  'Steps',
  'Step',
  'Term',
  'BarChart',
  'LineChart',
  'SelfCheck',
  'DataExplorer',
] as const
