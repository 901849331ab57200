/**
 * Checks every page a journey visits: axe-core (no serious or critical violation), no sideways scrolling of the page
 * on a phone, and the screenshots at both sizes.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Locator, Page } from 'playwright-core'
import { horizontalOverflow, screenshot, VIEWPORTS } from './browser'

const require = createRequire(import.meta.url)
// The CSP (script-src with a nonce) refuses an injected <script>; evaluating the source through the DevTools
// protocol is not subject to it, so the production policy stays as it is.
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

type AxeNode = { target: unknown[]; html: string; failureSummary?: string }
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] }

/** The serious and critical axe-core violations on the page as it is now (WCAG 2.1 A/AA and best practices). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Readable list of violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    ${JSON.stringify(n.target)} ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n')
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`
    })
    .join('\n')
}

export async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page)
  assert.equal(
    violations.length,
    0,
    `axe-core found serious or critical violations on ${name} (${page.url()}):\n${describeViolations(violations)}`,
  )
}

/**
 * Checks the page as it is at desktop size and at phone size (the viewport is resized and put back): axe at both
 * sizes, no sideways scrolling of the page at either, and a screenshot of each under tests/e2e/output/ (the window,
 * scrolled to `scrollTo` if given, or the full page). Without JavaScript in the page axe cannot run: `axe: false`.
 */
export async function checkPage(
  page: Page,
  name: string,
  { fullPage = false, axe = true, scrollTo }: { fullPage?: boolean; axe?: boolean; scrollTo?: Locator } = {},
): Promise<void> {
  const original = page.viewportSize() ?? VIEWPORTS.desktop
  for (const size of ['desktop', 'phone'] as const) {
    await page.setViewportSize(VIEWPORTS[size])
    if (axe) await assertAccessible(page, `${name} (${size})`)
    assert.equal(
      await horizontalOverflow(page),
      0,
      `${name} scrolls sideways at ${VIEWPORTS[size].width}px (${page.url()})`,
    )
    if (scrollTo) await scrollTo.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    else await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, `${name}-${size}`, { fullPage })
  }
  await page.setViewportSize(original)
}
