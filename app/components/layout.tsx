import { Form, Link, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useRef, type ReactNode } from 'react'
import { NotificationBanner } from './notification-banner'

export const NAVIGATION = [
  { href: '/consultations', text: 'Consultations' },
  { href: '/pipeline', text: 'Pipeline' },
  { href: '/what-works', text: 'What Works' },
  { href: '/newsletters', text: 'Newsletters' },
  { href: '/surveys', text: 'Surveys' },
  { href: '/organisations', text: 'Organisations' },
  { href: '/search', text: 'Search' },
] as const

type HeaderUser = { name: string; isStaff: boolean } | null

export function SkipLink() {
  return (
    <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
      Skip to main content
    </a>
  )
}

export function Header({ user, govukBrand }: { user: HeaderUser; govukBrand: boolean }) {
  return (
    <header className="govuk-header app-header" data-module="govuk-header">
      <div className="govuk-header__container govuk-width-container app-header__container">
        <div className="govuk-header__logo">
          {govukBrand ? (
            <a href="https://www.gov.uk/" className="govuk-header__link govuk-header__link--homepage">
              <span className="govuk-header__logotype-text">GOV.UK</span>
            </a>
          ) : (
            <Link to="/" className="app-header-mark">
              Commissioning Hub
            </Link>
          )}
        </div>
        <nav aria-label="Account" className="app-header__account">
          {user ? (
            <Form method="post" action="/sign-out" className="govuk-!-display-inline">
              {user.isStaff ? (
                <Link to="/staff" className="app-header__link govuk-!-margin-right-3">
                  Staff dashboard
                </Link>
              ) : null}
              <Link to="/account" className="app-header__link govuk-!-margin-right-3">
                Your account
              </Link>
              <button type="submit" className="govuk-button govuk-button--inverse govuk-!-margin-bottom-0">
                Sign out
              </button>
            </Form>
          ) : (
            <>
              <Link to="/sign-in" className="app-header__link govuk-!-margin-right-3">
                Sign in
              </Link>
              <Link to="/register" className="app-header__link">
                Create an account
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  )
}

export function ServiceNavigation({ govukBrand }: { govukBrand: boolean }) {
  const { pathname } = useLocation()
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          {govukBrand ? (
            <span className="govuk-service-navigation__service-name">
              <Link to="/" className="govuk-service-navigation__link">
                Commissioning Hub
              </Link>
            </span>
          ) : null}
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation">
              {NAVIGATION.map((item) => {
                const active = pathname === item.href || pathname.startsWith(`${item.href}/`)
                return (
                  <li key={item.href} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                    <Link className="govuk-service-navigation__link" to={item.href} aria-current={active ? 'true' : undefined}>
                      {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                    </Link>
                  </li>
                )
              })}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  )
}

export function PhaseBanner() {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span className="govuk-phase-banner__text">
          This is a new service. Your{' '}
          <Link className="govuk-link" to="/feedback">
            feedback
          </Link>{' '}
          will help us to improve it.
        </span>
      </p>
    </div>
  )
}

export function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              {[
                ['/accessibility', 'Accessibility statement'],
                ['/privacy', 'Privacy notice'],
                ['/cookies', 'Cookies'],
                ['/open-data', 'Open data'],
                ['/feedback', 'Feedback'],
              ].map(([href, text]) => (
                <li key={href} className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to={href}>
                    {text}
                  </Link>
                </li>
              ))}
            </ul>
            <span className="govuk-footer__licence-description">
              All content is available under the{' '}
              <a className="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
                Open Government Licence v3.0
              </a>
              , except where otherwise stated
            </span>
          </div>
          <div className="govuk-footer__meta-item">© Crown copyright</div>
        </div>
      </div>
    </footer>
  )
}

export function PageContainer({ children, before }: { children: ReactNode; before?: ReactNode }) {
  return (
    <div className="govuk-width-container">
      <PhaseBanner />
      {before}
      <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
        <FlashNotice />
        {children}
      </main>
    </div>
  )
}

/**
 * The success message an action left in the flash cookie. The root loader
 * clears it as it reads it, so a page that revalidates (a send in progress
 * polls) keeps showing it until the person moves to another page.
 */
function FlashNotice() {
  const notice = useRouteLoaderData<{ notice?: string | null }>('root')?.notice ?? null
  const { key } = useLocation()
  const kept = useRef<{ key: string; notice: string } | null>(null)
  if (notice && kept.current?.key !== key) kept.current = { key, notice }
  const shown = kept.current?.key === key ? kept.current.notice : null
  if (!shown) return null
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NotificationBanner success titleId="flash-notice-title">
          <p className="govuk-notification-banner__heading">{shown}</p>
        </NotificationBanner>
      </div>
    </div>
  )
}
