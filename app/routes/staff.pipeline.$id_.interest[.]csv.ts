import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { interestCsv } from '~/modules/pipeline/interest.server'
import { getNotice } from '~/modules/pipeline/notices.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  const csv = await interestCsv(user, notice)
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${notice.reference}-interest.csv"`, 'Cache-Control': 'private, no-store' },
  })
}
