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
import type { ReactNode } from 'react'
import { effectiveRole, getOptionalUser } from '~/auth/guards.server'
import { navItemsFor } from '~/components/nav-items'
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

function NavList({ items, className }: { items: ReturnType<typeof navItemsFor>; className: string }) {
  const t = useT()
  return (
    <nav aria-label={t('nav.label')} className={className}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'} prefetch="intent">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>('root')
  const t = useT()
  const location = useLocation()
  const user = data?.user
  const items = user ? navItemsFor(user.roles) : []
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
        {items.length ? (
          <>
            <NavList items={items} className="main-nav main-nav-wide" />
            {/* On a phone the links fold into a menu; a new page closes it (the key changes). */}
            <details className="nav-menu" key={location.pathname}>
              <summary>{t('nav.menu')}</summary>
              <NavList items={items} className="main-nav" />
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

export default function App() {
  useLoaderData<typeof loader>()
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
