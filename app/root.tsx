import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Links, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { Footer, Header, PageContainer, ServiceNavigation, SkipLink } from '~/components/layout'
import { VerifyEmailBanner } from '~/modules/accounts/verify-email-banner'
import { authenticate, isStaff } from '~/lib/auth.server'
import { config } from '~/lib/config.server'
import { databaseDown } from '~/lib/db-health.server'
import { takeNotice } from '~/lib/notice.server'
import { AppMeta } from '~/lib/meta'
import { useNonce } from '~/lib/nonce'
import appStyles from '~/styles/app.scss?url'
import govukStyles from '~/styles/app-govuk.scss?url'

export const links: LinksFunction = () => [
  { rel: 'icon', sizes: '48x48', href: '/govuk-assets/images/favicon.ico' },
  { rel: 'icon', sizes: 'any', href: '/govuk-assets/images/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  if (databaseDown()) throw new Response('Service unavailable', { status: 503, headers: { 'Retry-After': '10' } })
  const { user, headers } = await authenticate(request)
  const flash = await takeNotice(request)
  flash.headers.forEach((value, name) => headers.append(name, value))
  return data(
    {
      user: user ? { name: user.name, isStaff: isStaff(user), emailVerified: Boolean(user.emailVerifiedAt) } : null,
      govukBrand: config().GOVUK_BRAND,
      notice: flash.notice,
    },
    { headers },
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const govukBrand = rootData?.govukBrand ?? false
  const { key } = useLocation()
  // A client-side navigation, or an action's answer shown in place, brings
  // new page content without a page load, so GOV.UK Frontend runs again each
  // time. Components already running (the header, or fields React kept from
  // the page before) are marked data-<module>-init and refuse a second start
  // with an InitError, which is expected here and not reported.
  useEffect(() => {
    void import('govuk-frontend').then(({ initAll }) =>
      initAll({
        onError: (error: unknown) => {
          if (!(error instanceof Error && error.name === 'InitError')) console.error(error)
        },
      }),
    )
  }, [key])
  return (
    <html lang="en" className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <AppMeta />
        <link rel="stylesheet" href={govukBrand ? govukStyles : appStyles} />
        <Links />
      </head>
      <body className="govuk-template__body">
        <script
          nonce={nonce}
          // GOV.UK Frontend's components only enhance once this class is present.
          dangerouslySetInnerHTML={{
            __html: `document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');`,
          }}
        />
        <SkipLink />
        <Header user={rootData?.user ?? null} govukBrand={govukBrand} />
        <ServiceNavigation govukBrand={govukBrand} />
        {rootData?.user && !rootData.user.emailVerified ? <VerifyEmailBanner /> : null}
        {children}
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return (
    <PageContainer>
      <ErrorPage status={status} />
    </PageContainer>
  )
}

export function ErrorPage({ status }: { status: number }) {
  if (status === 404) {
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          You can{' '}
          <a className="govuk-link" href="/search">
            search the hub
          </a>{' '}
          or go to the{' '}
          <a className="govuk-link" href="/">
            home page
          </a>
          .
        </p>
      </>
    )
  }
  if (status === 403) {
    return (
      <>
        <h1 className="govuk-heading-l">You do not have permission to see this page</h1>
        <p className="govuk-body">This page is only for people with a particular role, such as Category staff or an organisation’s admin.</p>
        <p className="govuk-body">
          Go to the{' '}
          <a className="govuk-link" href="/">
            home page
          </a>
          .
        </p>
      </>
    )
  }
  if (status === 400) {
    return (
      <>
        <h1 className="govuk-heading-l">Sorry, we could not read what you sent</h1>
        <p className="govuk-body">The web address or the form had something in it that no page accepts, such as a hidden control character.</p>
        <p className="govuk-body">If you typed or pasted the web address, check it is correct. If you sent a form, go back, retype anything you pasted and send it again.</p>
        <p className="govuk-body">Anything you saved before is still there.</p>
      </>
    )
  }
  if (status === 413) {
    return (
      <>
        <h1 className="govuk-heading-l">What you sent was too large</h1>
        <p className="govuk-body">A form can send up to 1 MB, about a million characters. What you sent was larger, so nothing in it was saved.</p>
        <p className="govuk-body">Go back, shorten the longest answer and send it again. Anything you saved before is still there.</p>
      </>
    )
  }
  if (status === 503) {
    return (
      <>
        <h1 className="govuk-heading-l">Sorry, the service is unavailable</h1>
        <p className="govuk-body">You will be able to use the service again soon. Try again in a few minutes.</p>
        <p className="govuk-body">Anything you saved before the problem has been kept.</p>
      </>
    )
  }
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later.</p>
      <p className="govuk-body">Anything you saved before the problem has been kept.</p>
    </>
  )
}
