import { PageContainer } from '~/components/layout'
import { ErrorPage } from '~/root'

// Deliberately public: the server shows this page, with status 400, in place of any request refused before a route sees it (a NUL byte).
export function loader() {
  throw new Response('Bad request', { status: 400 })
}

// Only the root error boundary renders, with ErrorPage's words for 400; this keeps the route a page, not a resource.
export default function BadRequest() {
  return (
    <PageContainer>
      <ErrorPage status={400} />
    </PageContainer>
  )
}
