import { asc, eq, isNotNull } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { consultationSummaries, consultations } from '~db/schema'
import { phaseOf } from './consultations.server'
import { consultationsWithPublishedResponses } from './publication.server'
import { documentsOf } from './documents.server'
import { FILE_KINDS } from '~/modules/files/file-types'

/** Every published consultation, with links to its published responses once staff have released them. */
export async function consultationsOpenData() {
  const base = config().APP_URL
  const rows = await db.select().from(consultations).where(eq(consultations.status, 'published')).orderBy(asc(consultations.opensAt))
  const [released, summaries] = await Promise.all([
    consultationsWithPublishedResponses(),
    db.select({ id: consultationSummaries.consultationId }).from(consultationSummaries).where(isNotNull(consultationSummaries.publishedAt)),
  ])
  const summarised = new Set(summaries.map((s) => s.id))
  const documents = await documentsOf(rows.map((c) => c.id))
  return rows.map((c) => ({
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    status: phaseOf(c),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    nations: c.nations,
    url: `${base}/consultations/${c.slug}`,
    outcomeUrl: c.outcomePublishedAt ? `${base}/consultations/${c.slug}/outcome` : null,
    summaryOfResponses: summarised.has(c.id) ? { html: `${base}/consultations/${c.slug}/summary`, odt: `${base}/consultations/${c.slug}/summary.odt` } : null,
    documents: (documents.get(c.id) ?? []).map((d) => ({
      title: d.title,
      kind: d.kind,
      format: FILE_KINDS[d.fileKind].label,
      mediaType: FILE_KINDS[d.fileKind].mediaType,
      bytes: d.size,
      accessibilityNotes: d.accessibilityNotes,
      url: `${base}/consultations/${c.slug}/documents/${d.id}`,
    })),
    publishedResponses: released.has(c.id) ? { csv: `${base}/consultations/${c.slug}/responses.csv`, json: `${base}/consultations/${c.slug}/responses.json` } : null,
  }))
}
