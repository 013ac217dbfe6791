import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { exportSubscribers, subscriberFilterFrom } from '~/modules/newsletters/subscriber-list.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const csv = await exportSubscribers(user, subscriberFilterFrom(new URL(request.url).searchParams))
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="subscribers.csv"', 'Cache-Control': 'private, no-store' },
  })
}
