import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { download, pipelineCsv } from '~/modules/pipeline/opendata.server'

// Deliberately public: one published notice as CSV.
export async function loader({ params }: LoaderFunctionArgs) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  return download(pipelineCsv([notice]), 'text/csv; charset=utf-8', `${notice.reference}.csv`)
}
