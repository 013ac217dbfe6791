import type { Actor } from '~/lib/actor'
import { documentFromPlainText } from '~/lib/rich-text.server'
import { createCaseStudy, publishCaseStudy } from '~/modules/case-studies/case-studies.server'
import type { CaseStudyInput } from '~/modules/case-studies/input.server'

/** A valid case study for an organisation: ESA claimants mentored in work in the North West, with one outcome. */
export function caseStudyInput(organisationId: string, overrides: Partial<CaseStudyInput> = {}): CaseStudyInput {
  return {
    organisationId,
    title: 'In-work mentoring for ESA claimants',
    summary: 'Weekly mentor contact in the first 13 weeks of work.',
    story: documentFromPlainText('A named mentor called every week.'),
    claimantGroups: ['esa'],
    journeyStages: ['in-work-support'],
    interventionTypes: ['in-work-mentoring'],
    regions: ['north-west'],
    programme: 'Work Programme',
    periodFrom: '2013-04-01',
    periodTo: '2014-03-31',
    cohortSize: '200',
    evidenceMethod: 'management_information',
    outcomes: [{ measure: 'job-starts', target: '60', achieved: '72' }],
    ...overrides,
  }
}

/** A case study saved as a draft and then published by its author, as on the posting and preview pages; a refusal fails the test. */
export async function publishedCaseStudy(actor: Actor, input: CaseStudyInput) {
  const created = await createCaseStudy(actor, input)
  if (!created.ok) throw new Error(JSON.stringify(created.errors))
  const result = await publishCaseStudy(actor, created.value.id)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.value
}
