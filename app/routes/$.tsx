import { PageContainer } from '~/components/layout'
import { ErrorPage } from '~/root'

export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return (
    <PageContainer>
      <ErrorPage status={404} />
    </PageContainer>
  )
}
