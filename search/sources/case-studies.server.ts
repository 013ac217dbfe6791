import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { publiclyVisible } from '~/modules/case-studies/case-studies.server'
import { caseStudies, organisations } from '~db/schema'
import { epoch, registerSearchSource } from '../registry.server'

/** Only published case studies that staff have not hidden; drafts and hidden ones are removed from the index. */
registerSearchSource('case_studies', {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select({ cs: caseStudies, organisation: organisations.name })
      .from(caseStudies)
      .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
      .where(and(inArray(caseStudies.id, ids), publiclyVisible))
    return rows.map(({ cs, organisation }) => ({
      id: cs.id,
      title: cs.title,
      summary: cs.summary,
      organisation,
      body: [cs.storyText, cs.programme].filter(Boolean).join('\n\n'),
      url: `/what-works/${cs.slug}`,
      claimantGroups: cs.claimantGroups,
      journeyStages: cs.journeyStages,
      interventionTypes: cs.interventionTypes,
      regions: cs.regions,
      evidenceMethod: cs.evidenceMethod,
      date: epoch(cs.publishedAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: caseStudies.id })
      .from(caseStudies)
      .where(and(publiclyVisible, after ? gt(caseStudies.id, after) : undefined))
      .orderBy(asc(caseStudies.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
})
