import { PageContainer } from '~/components/layout'
import { ErrorPage } from '~/root'

// Deliberately public: the server shows this page, with status 413, in place of any form post over the size limit.
export function loader() {
  throw new Response('Too large', { status: 413 })
}

// Only the root error boundary renders, with ErrorPage's words for 413; this keeps the route a page, not a resource.
export default function RequestTooLarge() {
  return (
    <PageContainer>
      <ErrorPage status={413} />
    </PageContainer>
  )
}
