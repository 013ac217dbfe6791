import { labeller, optionsFor, optionValues } from '~/lib/options'
import type { EvidenceMethod } from '~db/schema'
import { REGIONS } from '~/modules/organisations/options'

/**
 * The fixed lists a case study is described with. They make case studies
 * comparable, which is the point of the "comparative performance database"
 * (Work Programme: Building Best Practice, recommendation 2): free text
 * cannot be filtered or compared.
 */

export const CLAIMANT_GROUPS = [
  { value: 'jsa', label: "Jobseeker's Allowance" },
  { value: 'esa', label: 'Employment and Support Allowance' },
  { value: 'universal-credit', label: 'Universal Credit' },
  { value: 'disabled-health', label: 'Disabled people and people with health conditions' },
  { value: 'prison-leavers', label: 'Prison leavers' },
  { value: 'young-people', label: 'Young people (18 to 24)' },
  { value: 'long-term-unemployed', label: 'Long-term unemployed' },
  { value: 'lone-parents', label: 'Lone parents' },
] as const

/** The customer journey in the Customer Service Standard Framework (Building Best Practice, 2.2). */
export const JOURNEY_STAGES = [
  { value: 'pre-programme-engagement', label: 'Pre-programme engagement' },
  { value: 'programme-engagement', label: 'Programme engagement' },
  { value: 'pre-work-support', label: 'Pre-work support' },
  { value: 'in-work-support', label: 'In-work support' },
  { value: 'programme-exit', label: 'Programme exit' },
] as const

export const INTERVENTION_TYPES = [
  { value: 'employer-engagement', label: 'Employer engagement and job brokerage' },
  { value: 'in-work-mentoring', label: 'In-work mentoring and aftercare' },
  { value: 'health-condition-management', label: 'Health and condition management' },
  { value: 'specialist-subcontracting', label: 'Specialist subcontracting' },
  { value: 'skills-training', label: 'Skills and vocational training' },
  { value: 'work-placements', label: 'Work placements and trials' },
  { value: 'action-planning', label: 'Personal action planning' },
  { value: 'self-employment', label: 'Self-employment support' },
  { value: 'peer-support', label: 'Peer support and mentoring' },
  { value: 'local-partnership', label: 'Local partnership and co-location' },
] as const

export const OUTCOME_MEASURES = [
  { value: 'referrals-attached', label: 'Referrals attached to the programme' },
  { value: 'action-plans-agreed', label: 'Action plans agreed' },
  { value: 'job-starts', label: 'Job starts' },
  { value: 'sustained-13-weeks', label: 'Sustained in work for 13 weeks' },
  { value: 'sustained-26-weeks', label: 'Sustained in work for 26 weeks' },
  { value: 'progression-in-work', label: 'Progression in work' },
  { value: 'qualifications-gained', label: 'Qualifications gained' },
  { value: 'exit-reports-on-time', label: 'Exit reports sent on time' },
] as const

/**
 * Evidence levels in the manner of the UK What Works centres' scales (after
 * the Maryland Scientific Methods Scale): the more a method can rule out
 * other explanations, the higher the level.
 */
export const EVIDENCE_METHODS = optionsFor<EvidenceMethod>()([
  { value: 'self_reported', label: 'Self-reported by the provider', level: 1, hint: 'Figures and accounts gathered by the team delivering the service' },
  { value: 'management_information', label: 'Management information', level: 2, hint: 'Figures from the provider’s or prime’s case management system, as reported to DWP' },
  { value: 'independent_evaluation', label: 'Independent evaluation', level: 3, hint: 'An evaluation by someone outside the delivery organisation' },
  { value: 'comparison_study', label: 'Randomised or matched comparison', level: 4, hint: 'Outcomes compared with a randomised control or matched comparison group' },
])

export const EVIDENCE_LEVEL_COUNT = EVIDENCE_METHODS.length

export const REGION_OPTIONS = REGIONS

export const CLAIMANT_GROUP_VALUES = optionValues(CLAIMANT_GROUPS)
export const JOURNEY_STAGE_VALUES = optionValues(JOURNEY_STAGES)
export const INTERVENTION_TYPE_VALUES = optionValues(INTERVENTION_TYPES)
export const OUTCOME_MEASURE_VALUES = optionValues(OUTCOME_MEASURES)
export const EVIDENCE_METHOD_VALUES = optionValues(EVIDENCE_METHODS)
export const REGION_VALUES = optionValues(REGIONS)

export const claimantGroupLabel = labeller(CLAIMANT_GROUPS)
export const journeyStageLabel = labeller(JOURNEY_STAGES)
export const interventionTypeLabel = labeller(INTERVENTION_TYPES)
export const outcomeMeasureLabel = labeller(OUTCOME_MEASURES)
export const evidenceMethodLabel = labeller(EVIDENCE_METHODS)
export const regionLabel = labeller(REGIONS)

export function evidenceLevel(method: string): number {
  return EVIDENCE_METHODS.find((m) => m.value === method)?.level ?? 1
}

export function evidenceLevelLabel(level: number): string {
  return `Evidence level ${level} of ${EVIDENCE_LEVEL_COUNT}`
}

export const SORTS = [
  { value: 'top-rated', label: 'Top rated' },
  { value: 'newest', label: 'Newest' },
  { value: 'most-discussed', label: 'Most discussed' },
] as const
export type SortKey = (typeof SORTS)[number]['value']

/**
 * The shown score is a Bayesian average: every case study starts as if it
 * had RATING_PRIOR_WEIGHT ratings of RATING_PRIOR_MEAN (the middle of the
 * 1–5 scale). A single 5-star rating moves the score from 3 to 3.33, while
 * twenty 4-star ratings move it to 3.8, so one enthusiastic reader cannot
 * put a case study above one that many found useful.
 */
export const RATING_PRIOR_MEAN = 3
export const RATING_PRIOR_WEIGHT = 5

export function bayesianScore(ratingCount: number, ratingSum: number): number {
  return (RATING_PRIOR_MEAN * RATING_PRIOR_WEIGHT + ratingSum) / (RATING_PRIOR_WEIGHT + ratingCount)
}

/** Comments can be changed by their author for this long after posting. */
export const COMMENT_EDIT_MINUTES = 15

/** How a comment is written: the rules of app/lib/linked-text.ts in words. */
export const COMMENT_FORMAT_HINT = 'Leave a blank line between paragraphs. Addresses starting https:// become links, or write [words](https://…) to link words.'

/** "3 days ago", for when a case study was last edited; worked out on the server so the page does not change when it hydrates. */
export function timeAgo(date: Date | string, now = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(date).getTime()) / 1000))
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return unit(Math.floor(seconds / 60), 'minute')
  if (seconds < 86_400) return unit(Math.floor(seconds / 3600), 'hour')
  if (seconds < 30 * 86_400) return unit(Math.floor(seconds / 86_400), 'day')
  if (seconds < 365 * 86_400) return unit(Math.floor(seconds / (30 * 86_400)), 'month')
  return unit(Math.floor(seconds / (365 * 86_400)), 'year')
}
