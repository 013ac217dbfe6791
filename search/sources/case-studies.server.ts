import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { publiclyVisible } from '~/modules/case-studies/case-studies.server'
import { bayesianScore, CLAIMANT_GROUPS, evidenceLevel, INTERVENTION_TYPES, JOURNEY_STAGES } from '~/modules/case-studies/options'
import { caseStudies, caseStudyComments, caseStudyRatings, organisations } from '~db/schema'
import { epoch, type SearchSource } from '../search-source'

const TAG_LABELS = new Map<string, string>([...CLAIMANT_GROUPS, ...JOURNEY_STAGES, ...INTERVENTION_TYPES].map((o) => [o.value, o.label]))

/** The names of what a case study is tagged with, as people would type them. */
function tagLabels(cs: { claimantGroups: string[]; journeyStages: string[]; interventionTypes: string[] }) {
  return [...cs.claimantGroups, ...cs.journeyStages, ...cs.interventionTypes].map((value) => TAG_LABELS.get(value) ?? value)
}

/** Only published case studies that staff have not hidden; drafts and hidden ones are removed from the index. */
export const caseStudiesSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select({
        cs: caseStudies,
        organisation: organisations.name,
        ratingCount: sql<number>`(select count(*) from ${caseStudyRatings} r where r.case_study_id = ${caseStudies.id})::int`,
        ratingSum: sql<number>`(select coalesce(sum(r.score), 0) from ${caseStudyRatings} r where r.case_study_id = ${caseStudies.id})::int`,
        commentCount: sql<number>`(select count(*) from ${caseStudyComments} c where c.case_study_id = ${caseStudies.id} and c.hidden_at is null)::int`,
      })
      .from(caseStudies)
      .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
      .where(and(inArray(caseStudies.id, ids), publiclyVisible))
    // Ratings and comments queue their case study for indexing, so these sort fields stay current.
    return rows.map(({ cs, organisation, ratingCount, ratingSum, commentCount }) => ({
      id: cs.id,
      title: cs.title,
      summary: cs.summary,
      organisation,
      tags: tagLabels(cs),
      body: [cs.storyText, cs.programme].filter(Boolean).join('\n\n'),
      url: `/what-works/${cs.slug}`,
      claimantGroups: cs.claimantGroups,
      journeyStages: cs.journeyStages,
      interventionTypes: cs.interventionTypes,
      regions: cs.regions,
      evidenceMethod: cs.evidenceMethod,
      evidenceLevel: String(evidenceLevel(cs.evidenceMethod)),
      score: bayesianScore(ratingCount, ratingSum),
      ratingCount,
      commentCount,
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
}
