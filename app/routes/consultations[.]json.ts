import { and, asc, eq } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { phaseOf } from '~/modules/consultations/consultations.server'
import { consultationsWithPublishedResponses } from '~/modules/consultations/publication.server'
import { consultations } from '~db/schema'

// Deliberately public open data: every published consultation, with links to its published responses once staff have released them.
export async function loader() {
  const base = config().APP_URL
  const rows = await db.select().from(consultations).where(and(eq(consultations.status, 'published'))).orderBy(asc(consultations.opensAt))
  const released = await consultationsWithPublishedResponses()
  const body = rows.map((c) => {
    const phase = phaseOf(c)
    return {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: phase,
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      nations: c.nations,
      url: `${base}/consultations/${c.slug}`,
      outcomeUrl: c.outcomePublishedAt ? `${base}/consultations/${c.slug}/outcome` : null,
      publishedResponses: released.has(c.id) ? { csv: `${base}/consultations/${c.slug}/responses.csv`, json: `${base}/consultations/${c.slug}/responses.json` } : null,
    }
  })
  return new Response(JSON.stringify({ consultations: body }, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
