import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { type ReactNode, useEffect, useState } from 'react'
import { CartCount } from '#app/components/cart-count.tsx'
import { describeError, ErrorMessage } from '#app/components/route-error.tsx'
import { SITE_PAGE_SLUGS } from '#app/domain/content/slugs.ts'
import { hasRole } from '#app/domain/identity/authorize.ts'
import { DEFAULT_LANG, type Lang } from '#app/i18n/translate.ts'
import appStyles from '#app/styles/app.css'
import { getEnv } from '#app/lib/env.server.ts'
import { clearFlashCookie, readFlash } from '#app/web/flash.server.ts'
import { MessagesLink, useT } from '#app/web/i18n.tsx'
import { getLang } from '#app/web/i18n.server.ts'
import { useNonce } from '#app/web/nonce.tsx'
import { getUser } from '#app/web/session.server.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = getLang(request)
  const session = await getUser(request)
  const env = getEnv()
  const flash = readFlash(request)
  const grants = session?.principal.grants ?? []
  const uptGrant = grants.find((g) => g.role === 'upt_staff')
  const partnerGrant = grants.find((g) => g.role === 'partner_member')
  return data(
    {
      lang,
      demo: env.mode === 'demo',
      flash,
      user: session
        ? {
            name: session.user.name,
            isAdmin: hasRole(session.principal, 'admin'),
            isFinance: hasRole(session.principal, 'finance'),
            uptId: uptGrant?.uptId ?? null,
            partnerId: partnerGrant?.partnerId ?? null,
          }
        : null,
    },
    flash ? { headers: { 'Set-Cookie': clearFlashCookie() } } : undefined,
  )
}

// A rate-limited document POST answers through the root's error boundary (retry-after.ts).
export { headers } from '#app/web/retry-after.ts'

type RootData = Awaited<ReturnType<typeof loader>>['data']

function Document({ lang, title, children }: { lang: Lang; title?: string; children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f5132" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
        <MessagesLink lang={lang} />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function NavList({ links }: { links: { to: string; label: string }[] }) {
  return (
    <ul>
      {links.map((l) => (
        <li key={l.to}>
          <NavLink to={l.to}>{l.label}</NavLink>
        </li>
      ))}
    </ul>
  )
}

function LanguageSwitch({ root, here }: { root: RootData | undefined; here: string }) {
  const t = useT()
  // A full reload (reloadDocument): the page holds only the active language's messages.
  return (
    <Form method="post" action="/set-language" reloadDocument>
      <input type="hidden" name="lang" value={root?.lang === 'en' ? 'id' : 'en'} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" className="link-button" lang={root?.lang === 'en' ? 'id' : 'en'}>
        {t('lang.switch')}
      </button>
    </Form>
  )
}

function AccountLinks({ root, here }: { root: RootData | undefined; here: string }) {
  const t = useT()
  const user = root?.user
  return (
    <div className="menu-account">
      {user ? (
        <>
          <NavLink to="/account">{t('nav.account')}</NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t('nav.logout')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <NavLink to={loginHref(here)}>{t('nav.login')}</NavLink>
          <NavLink to="/signup">{t('nav.signup')}</NavLink>
        </>
      )}
      <LanguageSwitch root={root} here={here} />
    </div>
  )
}

type NavItem = { to: string; label: string }

/**
 * Wide screens: the public links in the bar, and a signed-in user's work areas, account, language
 * and log-out in one account disclosure, so the bar holds the same few items whatever the roles.
 * Phones: everything behind one Menu disclosure. Both are <details>: no JavaScript needed; a
 * `key` on the path closes them after a client-side navigation.
 */
function Header({ root }: { root: RootData | undefined }) {
  const t = useT()
  const location = useLocation()
  const user = root?.user
  const links: NavItem[] = [
    { to: '/products', label: t('nav.products') },
    { to: '/programs', label: t('nav.programs') },
    { to: '/partners', label: t('nav.partners') },
    { to: '/offers', label: t('nav.offers') },
    { to: '/impact', label: t('nav.impact') },
    { to: '/cerita', label: t('nav.stories') },
  ]
  const areas = [
    user?.partnerId ? { to: '/partner', label: t('nav.partner') } : null,
    user?.uptId ? { to: `/upt/${user.uptId}`, label: t('nav.upt') } : null,
    user?.isFinance ? { to: '/finance', label: t('nav.finance') } : null,
    user?.isAdmin ? { to: '/admin', label: t('nav.admin') } : null,
  ].filter((x): x is NavItem => x !== null)
  // Whoever has a work area has a work home (issue 16): it comes first.
  const own = areas.length ? [{ to: '/work', label: t('nav.work') }, ...areas] : []
  const here = `${location.pathname}${location.search}`
  return (
    <header className="site-header">
      <div className="header-bar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ML
          </span>{' '}
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="primary-nav">
          <NavList links={links} />
        </nav>
        <Link to="/cart" className="cart-link">
          {t('nav.cart')}
          <CartCount />
        </Link>
        {user ? (
          <details className="account-menu" key={`account-${location.key}`}>
            <summary>
              <span className="visually-hidden">{t('nav.accountMenu')}: </span>
              <span className="account-initial" aria-hidden="true">
                {initialOf(user.name)}
              </span>
              <span className="account-name">{user.name}</span>
            </summary>
            <nav aria-label={t('nav.accountMenu')} className="menu-panel">
              {own.length ? <NavList links={own} /> : null}
              <AccountLinks root={root} here={here} />
            </nav>
          </details>
        ) : (
          <div className="guest-links">
            <NavLink to={loginHref(here)}>{t('nav.login')}</NavLink>
            <NavLink to="/signup">{t('nav.signup')}</NavLink>
            <LanguageSwitch root={root} here={here} />
          </div>
        )}
        <details className="menu" key={`menu-${location.key}`}>
          <summary>{t('nav.menu')}</summary>
          <nav aria-label={t('nav.main')} className="menu-panel">
            <NavList links={links} />
            {own.length ? <NavList links={own} /> : null}
            <AccountLinks root={root} here={here} />
          </nav>
        </details>
      </div>
    </header>
  )
}

/** Log in and come back here (issue 14, item 7); the login action checks it with safeRedirect. */
function loginHref(here: string) {
  if (here === '/' || /^\/(login|signup|logout|forgot-password|reset-password|invite)\b/.test(here)) return '/login'
  return `/login?redirectTo=${encodeURIComponent(here)}`
}

function initialOf(name: string) {
  return (name.trim()[0] ?? '?').toUpperCase()
}

type Flash = { key: string; params?: Record<string, string | number> }

/**
 * The one-time message after a redirect ("Saved."). It belongs to the action that redirected,
 * so it goes as soon as the next form is sent: a refused form answers 400 without reloading the
 * root data, and the old success must not stand beside the new error (issue 16, item 2). Without
 * JavaScript every submission is a new page whose root loader has already consumed the cookie.
 * A submit refused by the browser-side checks hides it as well.
 * A new flash (a new object from the reloaded root data) shows again.
 */
function FlashBanner({ flash }: { flash: Flash | null }) {
  const t = useT()
  const navigation = useNavigation()
  const [dismissed, setDismissed] = useState<Flash | null>(null)
  useEffect(() => {
    if (navigation.state === 'submitting' && flash) setDismissed(flash)
  }, [navigation.state, flash])
  useEffect(() => {
    // A form refused in the browser (conform's checks) never navigates: the attempt counts too.
    if (!flash) return
    const onSubmit = () => setDismissed(flash)
    document.addEventListener('submit', onSubmit, true)
    return () => document.removeEventListener('submit', onSubmit, true)
  }, [flash])
  if (!flash || dismissed === flash) return null
  return (
    <div className="flash" role="status">
      {t(flash.key, flash.params)}
    </div>
  )
}

function Shell({ root, children }: { root: RootData | undefined; children: ReactNode }) {
  const t = useT()
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      {root?.demo ? (
        <div className="demo-banner" role="note">
          <strong>Demo</strong> · {t('app.demoBanner')} <Link to="/dev/outbox">{t('nav.outbox')}</Link>
        </div>
      ) : null}
      <Header root={root} />
      <FlashBanner flash={root?.flash ?? null} />
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <nav aria-label={t('sitePages.nav')} className="footer-links">
          <ul>
            {SITE_PAGE_SLUGS.map((slug) => (
              <li key={slug}>
                <Link to={`/info/${slug}`}>{t(`sitePages.link.${slug}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>{t('home.ethics')}</p>
        <p>
          <Link to="/data">{t('data.footerLink')}</Link>
        </p>
        <p>© Mitra Lipas · Ditjenpas</p>
      </footer>
    </>
  )
}

export default function App() {
  const root = useRouteLoaderData<typeof loader>('root')
  return (
    <Document lang={root?.lang ?? DEFAULT_LANG}>
      <Shell root={root}>
        <Outlet />
      </Shell>
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const root = useRouteLoaderData<typeof loader>('root')
  const lang = root?.lang ?? DEFAULT_LANG
  const t = useT(lang)
  const { status, title } = describeError(error, t)
  return (
    <Document lang={lang} title={`${status} · ${title}`}>
      <Shell root={root}>
        <ErrorMessage error={error} t={t} />
      </Shell>
    </Document>
  )
}
