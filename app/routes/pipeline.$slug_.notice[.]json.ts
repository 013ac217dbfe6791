import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { download, pipelineJson } from '~/modules/pipeline/opendata.server'

// Deliberately public: one published notice as JSON.
export async function loader({ params }: LoaderFunctionArgs) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  return download(JSON.stringify(pipelineJson([notice]), null, 2), 'application/json; charset=utf-8', `${notice.reference}.json`)
}
