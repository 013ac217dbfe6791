import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { attendeesCsv, getEvent } from '~/modules/pipeline/events.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const event = await getEvent(params.id ?? '', params.eventId ?? '').catch(() => null)
  invariantResponse(event, 'Not found')
  const csv = await attendeesCsv(user, event)
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="event-attendees.csv"`, 'Cache-Control': 'private, no-store' },
  })
}
