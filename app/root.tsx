import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { effectiveRole, getOptionalUser } from '~/auth/guards.server'
import { navEntriesFor, type NavEntry, type NavLinkItem } from '~/components/nav-items'
import { useNonce } from '~/components/nonce'
import { translator } from '~/i18n'
import { resolveLocale } from '~/i18n/locale.server'
import { useLocale, useT } from '~/i18n/use-t'
import stylesheet from '~/styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'HọcSố' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const locale = resolveLocale(request, user?.locale)
  return {
    locale,
    requestId: context.requestId,
    user: user
      ? {
          displayName: user.displayName,
          roles: [...new Set(user.roles.map(effectiveRole))],
        }
      : null,
  }
}

function LanguageToggle() {
  const locale = useLocale()
  const t = useT()
  const location = useLocation()
  return (
    <Form method="post" action="/lang" className="lang-toggle" reloadDocument>
      <input type="hidden" name="locale" value={locale === 'vi' ? 'en' : 'vi'} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="button-link" lang={locale === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchToLabel')}>
        {t('lang.switchTo')}
      </button>
    </Form>
  )
}

function NavItemLink({ item }: { item: NavLinkItem }) {
  const t = useT()
  return (
    <NavLink to={item.to} end={item.to === '/'} prefetch="intent">
      {t(item.label)}
    </NavLink>
  )
}

/**
 * The wide navigation: a few links, and groups as disclosure menus (<details>): they open with a click, Enter or
 * Space without JavaScript; with it, Escape and a click elsewhere close them and one opens at a time.
 */
function WideNav({ entries }: { entries: NavEntry[] }) {
  const t = useT()
  const location = useLocation()
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    const nav = ref.current
    if (!nav) return
    const groups = () => [...nav.querySelectorAll<HTMLDetailsElement>('details.nav-group')]
    const onToggle = (event: Event) => {
      const opened = event.target
      if (opened instanceof HTMLDetailsElement && opened.open) for (const other of groups()) if (other !== opened) other.open = false
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      const open = groups().find((g) => g.open)
      if (!open) return
      open.open = false
      if (open.contains(document.activeElement)) open.querySelector('summary')?.focus()
    }
    const onPointer = (event: MouseEvent) => {
      for (const group of groups()) if (group.open && !group.contains(event.target as Node)) group.open = false
    }
    const onFocusOut = (event: FocusEvent) => {
      const group = (event.target as Element).closest?.('details.nav-group') as HTMLDetailsElement | null
      if (group?.open && !group.contains(event.relatedTarget as Node | null)) group.open = false
    }
    nav.addEventListener('toggle', onToggle, true)
    nav.addEventListener('focusout', onFocusOut)
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('click', onPointer)
    return () => {
      nav.removeEventListener('toggle', onToggle, true)
      nav.removeEventListener('focusout', onFocusOut)
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('click', onPointer)
    }
  }, [])
  const isCurrent = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`)
  return (
    <nav aria-label={t('nav.label')} className="main-nav main-nav-wide" ref={ref}>
      {/* A new page closes any open group (the key changes). */}
      <ul key={location.pathname}>
        {entries.map((entry) =>
          entry.kind === 'link' ? (
            <li key={entry.to}>
              <NavItemLink item={entry} />
            </li>
          ) : (
            <li key={entry.key}>
              <details className="nav-group">
                <summary className={entry.items.some((item) => isCurrent(item.to)) ? 'active' : undefined}>{t(entry.label)}</summary>
                <ul>
                  {entry.items.map((item) => (
                    <li key={item.to}>
                      <NavItemLink item={item} />
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ),
        )}
      </ul>
    </nav>
  )
}

/** The phone navigation inside the Menu disclosure: every link, under the group's name. */
function MenuNav({ entries }: { entries: NavEntry[] }) {
  const t = useT()
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        {entries.map((entry) =>
          entry.kind === 'link' ? (
            <li key={entry.to}>
              <NavItemLink item={entry} />
            </li>
          ) : (
            <li key={entry.key} className="nav-section">
              <span className="nav-section-title" id={`nav-section-${entry.key}`}>
                {t(entry.label)}
              </span>
              <ul aria-labelledby={`nav-section-${entry.key}`}>
                {entry.items.map((item) => (
                  <li key={item.to}>
                    <NavItemLink item={item} />
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </nav>
  )
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>('root')
  const t = useT()
  const location = useLocation()
  const user = data?.user
  const entries = user ? navEntriesFor(user.roles) : []
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            HS
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        {entries.length ? (
          <>
            <WideNav entries={entries} />
            {/* On a phone the links fold into a menu; a new page closes it (the key changes). */}
            <details className="nav-menu" key={location.pathname}>
              <summary>{t('nav.menu')}</summary>
              <MenuNav entries={entries} />
            </details>
          </>
        ) : null}
        <div className="header-tools">
          <LanguageToggle />
          {user ? (
            <>
              <span className="user-name" title={t('nav.account', { name: user.displayName })}>
                {user.displayName}
              </span>
              <Link to="/account/password" className="button-link">
                {t('nav.changePassword')}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="button button-quiet">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const locale = useLocale()
  const t = useT()
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('app.footer')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

/**
 * After a client-side move to another page, the focus goes to the start of the main content (as a full page load
 * would start the keyboard at the top), instead of staying on a link that is gone.
 */
function useFocusMainOnNewPage() {
  const { pathname } = useLocation()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [pathname])
}

export default function App() {
  useLoaderData<typeof loader>()
  useFocusMainOnNewPage()
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRouteLoaderData<typeof loader>('root')
  const t = translator(data?.locale ?? 'vi')
  let title = t('error.server.title')
  let body = t('error.server.body')
  let status = 500
  if (isRouteErrorResponse(error)) {
    status = error.status
    if (status === 404) {
      title = t('error.notFound.title')
      body = t('error.notFound.body')
    } else if (status === 403) {
      title = t('error.forbidden.title')
      body = t('error.forbidden.body')
    } else if (status === 400) {
      title = t('error.badRequest.title')
    }
  }
  return (
    <div className="error-page">
      <p className="error-status">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      {status >= 500 && data?.requestId ? <p className="error-id">{t('error.requestId', { id: data.requestId })}</p> : null}
      <p>
        <Link to="/" className="button">
          {t('error.goHome')}
        </Link>
      </p>
    </div>
  )
}
