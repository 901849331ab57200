/**
 * Browser entry for the interactive parts of lesson HTML. The lesson arrives as a static HTML string; call
 * mountIslands on its container after it is in the DOM, and the returned cleanup before it is replaced:
 *
 *   useEffect(() => mountIslands(ref.current!), [html])
 *
 * Small on purpose: the explorer (and react-dom/client with it) is fetched with a dynamic import, and only when
 * the lesson has an explorer.
 */
import { DATA_EXPLORER_ISLAND } from './island-json'

const MOUNTED = 'data-island-mounted'

/**
 * Escape hides a term's definition tooltip until the pointer or focus leaves the term (WCAG 1.4.13): the one
 * thing CSS alone cannot do.
 */
function dismissTermsOnEscape(container: HTMLElement): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    for (const term of container.querySelectorAll<HTMLElement>('.term:hover, .term:focus-within')) {
      term.setAttribute('data-dismissed', '')
      const restore = () => term.removeAttribute('data-dismissed')
      term.addEventListener('mouseleave', restore, { once: true })
      term.addEventListener('focusout', restore, { once: true })
    }
  }
  document.addEventListener('keydown', onKeyDown)
  return () => document.removeEventListener('keydown', onKeyDown)
}

export function mountIslands(container: HTMLElement): () => void {
  const cleanups: (() => void)[] = [dismissTermsOnEscape(container)]
  let disposed = false
  const explorers = Array.from(container.querySelectorAll<HTMLElement>(`[data-island="${DATA_EXPLORER_ISLAND}"]`)).filter(
    (element) => !element.hasAttribute(MOUNTED),
  )
  if (explorers.length > 0) {
    for (const element of explorers) element.setAttribute(MOUNTED, '')
    cleanups.push(() => explorers.forEach((element) => element.removeAttribute(MOUNTED)))
    import('./data-explorer-app')
      .then(({ mountDataExplorer }) => {
        if (disposed) return
        for (const element of explorers) cleanups.push(mountDataExplorer(element))
      })
      .catch((error: unknown) => {
        // The static table stays: the lesson still reads, only the sorting and filtering are missing.
        console.error('Could not load the data explorer', error)
      })
  }
  return () => {
    disposed = true
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  }
}
