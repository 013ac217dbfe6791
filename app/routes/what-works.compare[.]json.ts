import type { LoaderFunctionArgs } from '@remix-run/node'
import { config } from '~/lib/config.server'
import { compareCaseStudies, comparisonJson, parseCaseStudyQuery } from '~/modules/case-studies/list.server'

// Deliberately public: open data about published case studies.
export async function loader({ request }: LoaderFunctionArgs) {
  const rows = await compareCaseStudies(parseCaseStudyQuery(new URL(request.url).searchParams))
  return new Response(JSON.stringify(comparisonJson(rows, config().APP_URL.replace(/\/$/, '')), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' },
  })
}
