import type { ReactNode } from 'react'

export function PageHeader({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {intro ? <p className="page-intro">{intro}</p> : null}
      {children}
    </header>
  )
}
