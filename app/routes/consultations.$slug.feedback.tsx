import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { RequestPage, requestPageMeta } from '~/modules/consultations/request-page'
import { requestPageAction, requestPageLoader } from '~/modules/consultations/request-page.server'

export const meta = requestPageMeta('process_feedback')

// Deliberately public: anyone may comment on the consultation process.
export const loader = ({ request, params }: LoaderFunctionArgs) => requestPageLoader(request, params.slug)
export const action = ({ request, params, context }: ActionFunctionArgs) => requestPageAction(request, params.slug, 'process_feedback', context?.clientIp)

export default function ProcessFeedback() {
  return <RequestPage kind="process_feedback" />
}
