import { useEffect, useState } from 'react'

/**
 * "Print" calls window.print, which needs JavaScript: the button appears once the page is hydrated, so nobody
 * meets a dead button. Without JavaScript the browser's own Print command prints the same page.
 */
export function PrintButton({ label }: { label: string }) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (!hydrated) return null
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  )
}
