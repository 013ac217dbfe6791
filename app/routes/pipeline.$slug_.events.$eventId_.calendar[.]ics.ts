import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { eventCalendar, eventsFor } from '~/modules/pipeline/events.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'

// Public, like the event page; the online link is in the file only for someone whose organisation has a place.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const user = await getUser(request)
  const event = (await eventsFor(notice.id, user?.id ?? null)).find((e) => e.id === params.eventId)
  invariantResponse(event, 'Not found')
  const ics = eventCalendar(event.mine.length ? event : { ...event, onlineUrl: '' }, notice)
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="event.ics"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
