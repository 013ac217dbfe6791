import { publicResults } from '~/modules/surveys/results.server'
import { publishedResults } from '~/modules/surveys/surveys.server'
import { config } from '~/lib/config.server'

// Deliberately public: the published results summaries and their charts' figures, never individual answers.
export async function loader() {
  const surveys = await publishedResults()
  const items = []
  for (const s of surveys) {
    const { charts, responses } = await publicResults(s)
    items.push({
      title: s.title,
      year: s.year,
      url: `${config().APP_URL}/surveys/${s.slug}/results`,
      publishedAt: s.resultsPublishedAt!.toISOString(),
      responses,
      summary: s.resultsSummaryText,
      charts: charts.map((c) => ({ question: c.text, type: c.type, answered: c.answered, mean: c.mean, netScore: c.nps?.score ?? null, answers: c.bars, ranks: c.ranks })),
    })
  }
  return new Response(JSON.stringify({ surveys: items }, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
