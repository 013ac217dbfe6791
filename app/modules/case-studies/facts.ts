/** What a case study says about itself, the same whether it is typed in, stored or put back into the form. Dates are YYYY-MM-DD. */
export type CaseStudyFacts = {
  organisationId: string
  title: string
  summary: string
  claimantGroups: string[]
  journeyStages: string[]
  interventionTypes: string[]
  regions: string[]
  programme: string
  periodFrom: string
  periodTo: string
}
