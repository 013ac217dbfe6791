import type { LoaderFunctionArgs } from '@remix-run/node'
import { suggest } from '~search/hub-search.server'

/** As-you-type suggestions for the search box. Deliberately public: it returns only published content. */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get('q') ?? ''
  return Response.json({ suggestions: await suggest(q) }, { headers: { 'Cache-Control': 'no-store' } })
}
