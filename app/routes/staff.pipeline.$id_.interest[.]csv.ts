import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { auditExport } from '~/lib/export-audit.server'
import { invariantResponse } from '~/lib/http.server'
import { interestForStaff } from '~/modules/pipeline/interest.server'
import { getNotice } from '~/modules/pipeline/notices.server'
import { toCsv } from '~/lib/csv'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  const { rows } = await interestForStaff(notice.id)
  await auditExport(user, 'pipeline.interest.export.csv', { type: 'pipeline_notice', id: notice.id }, { rows: rows.length })
  const csv = toCsv(
    ['organisation', 'sector', 'size', 'role', 'seekingPartners', 'capabilitiesOffered', 'capabilitiesSought', 'note', 'registeredBy', 'email', 'registeredAt'],
    rows.map(({ interest, organisation, user }) => [
      organisation.name,
      organisation.sector,
      organisation.sizeBand,
      interest.role,
      interest.seekingPartners,
      interest.capabilitiesOffered,
      interest.capabilitiesSought,
      interest.note,
      user?.name ?? '',
      user?.email ?? '',
      interest.createdAt.toISOString(),
    ]),
  )
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${notice.reference}-interest.csv"`, 'Cache-Control': 'private, no-store' },
  })
}
