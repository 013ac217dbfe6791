import type { LoaderFunctionArgs } from '@remix-run/node'
import { config } from '~/lib/config.server'
import { compareCaseStudies, comparisonCsv, parseCaseStudyQuery } from '~/modules/case-studies/list.server'

// Deliberately public: open data about published case studies.
export async function loader({ request }: LoaderFunctionArgs) {
  const rows = await compareCaseStudies(parseCaseStudyQuery(new URL(request.url).searchParams))
  return new Response(comparisonCsv(rows, config().APP_URL.replace(/\/$/, '')), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="what-works-comparison.csv"',
      'Cache-Control': 'no-cache',
    },
  })
}
