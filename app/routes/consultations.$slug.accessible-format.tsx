import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { RequestPage, requestPageMeta } from '~/modules/consultations/request-page'
import { requestPageAction, requestPageLoader } from '~/modules/consultations/request-page.server'

export const meta = requestPageMeta('accessible_format')

// Deliberately public: anyone may ask for help to respond.
export const loader = ({ request, params }: LoaderFunctionArgs) => requestPageLoader(request, params.slug)
export const action = ({ request, params, context }: ActionFunctionArgs) => requestPageAction(request, params.slug, 'accessible_format', context?.clientIp)

export default function AccessibleFormat() {
  return <RequestPage kind="accessible_format" />
}
