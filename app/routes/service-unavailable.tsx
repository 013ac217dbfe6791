import { PageContainer } from '~/components/layout'
import { ErrorPage } from '~/root'

// Deliberately public: the server shows this page, with status 503, in place of any page that failed because PostgreSQL is away.
export function loader() {
  throw new Response('Service unavailable', { status: 503, headers: { 'Retry-After': '10' } })
}

// Only the root error boundary renders, with ErrorPage's words for 503; this keeps the route a page, not a resource.
export default function ServiceUnavailable() {
  return (
    <PageContainer>
      <ErrorPage status={503} />
    </PageContainer>
  )
}
