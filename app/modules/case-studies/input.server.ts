import { z } from 'zod'
import { choice, choices, requiredText, wholeNumber } from '~/lib/fields'
import { issuesToErrors, type FieldErrors, type FormValues } from '~/lib/forms'
import { RichTextError, richTextFromDocument, validateDocument, type RichText } from '~/lib/rich-text.server'
import { CLAIMANT_GROUP_VALUES, EVIDENCE_METHOD_VALUES, INTERVENTION_TYPE_VALUES, JOURNEY_STAGE_VALUES, OUTCOME_MEASURE_VALUES, REGION_VALUES } from './options'
import type { CaseStudyFacts } from './facts'

export const MAX_OUTCOMES = 8
const MAX_COUNT = 10_000_000

/** A case study as a form or the seeder supplies it: numbers and dates may still be text. */
export type CaseStudyInput = CaseStudyFacts & {
  /** A ProseMirror document; it is validated against the fixed schema and rendered here, never trusted. */
  story: unknown
  cohortSize: string | number
  evidenceMethod: string
  outcomes: Array<{ measure: string; target?: string | number | null; achieved: string | number }>
}

export type ValidCaseStudy = CaseStudyFacts & {
  story: RichText
  cohortSize: number
  evidenceMethod: (typeof EVIDENCE_METHOD_VALUES)[number]
  outcomes: Array<{ measure: string; target: number | null; achieved: number }>
}

const scalarSchema = z.object({
  title: requiredText('Enter a title', { max: 150 }),
  summary: requiredText('Enter a summary', { max: 600 }),
  claimantGroups: choices(CLAIMANT_GROUP_VALUES, 'Select the claimant groups supported'),
  journeyStages: choices(JOURNEY_STAGE_VALUES, 'Select the customer journey stages'),
  interventionTypes: choices(INTERVENTION_TYPE_VALUES, 'Select the types of intervention'),
  regions: choices(REGION_VALUES, 'Select the regions covered'),
  programme: requiredText('Enter the programme', { max: 200 }),
  cohortSize: wholeNumber('Cohort size', { min: 1, max: MAX_COUNT }),
  evidenceMethod: choice(EVIDENCE_METHOD_VALUES, 'Select how the evidence was gathered'),
})

function isoDate(value: string, label: string): { ok: true; date: string } | { ok: false; message: string } {
  const v = value.trim()
  if (!v) return { ok: false, message: `Enter the date the period ${label}` }
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v)
  if (!match) return { ok: false, message: `The date the period ${label} must be a real date` }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const probe = new Date(Date.UTC(y, m - 1, d))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || y < 1990) {
    return { ok: false, message: `The date the period ${label} must be a real date` }
  }
  return { ok: true, date: `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim())

/**
 * Checks everything a case study must satisfy before it is stored: values
 * from the fixed lists only, a safe story, a real period that runs forwards,
 * and outcome figures that are whole numbers no larger than the cohort.
 */
export function validateCaseStudy(input: CaseStudyInput): { ok: true; data: ValidCaseStudy } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const scalars = scalarSchema.safeParse({ ...input, cohortSize: text(input.cohortSize) })
  if (!scalars.success) Object.assign(errors, issuesToErrors(scalars.error.issues))

  let story: RichText | null = null
  try {
    if (input.story) {
      story = richTextFromDocument(validateDocument(input.story))
      if (!story.text.trim()) story = null
    }
    if (!story) errors.story = 'Enter the story of what you did and what happened'
  } catch (error) {
    if (!(error instanceof RichTextError)) throw error
    errors.story = error.message
  }

  const from = isoDate(input.periodFrom ?? '', 'started')
  const to = isoDate(input.periodTo ?? '', 'ended')
  if (!from.ok) errors.periodFrom = from.message
  if (!to.ok) errors.periodTo = to.message
  if (from.ok && to.ok && from.date > to.date) errors.periodTo = 'The date the period ended must be the same as or after the date it started'

  const cohort = scalarSchema.shape.cohortSize.safeParse(text(input.cohortSize))
  const cohortSize = cohort.success ? cohort.data : null
  const outcomes: ValidCaseStudy['outcomes'] = []
  const rows = (input.outcomes ?? []).filter((o) => text(o.measure) || text(o.target) || text(o.achieved))
  if (rows.length > MAX_OUTCOMES) errors.outcomes = `Enter up to ${MAX_OUTCOMES} outcomes`
  const number = (value: unknown, label: string): number | string => {
    const v = text(value)
    if (!/^-?\d+$/.test(v)) return `${label} must be a whole number, like 120`
    const n = Number(v)
    if (n < 0) return `${label} must be 0 or more`
    if (n > MAX_COUNT) return `${label} must be ${MAX_COUNT} or fewer`
    return n
  }
  ;(input.outcomes ?? []).forEach((row, i) => {
    if (!text(row.measure) && !text(row.target) && !text(row.achieved)) return
    const prefix = `outcome-${i}`
    const position = `Outcome ${i + 1}`
    const measure = text(row.measure)
    if (!measure) errors[`${prefix}-measure`] = `Select the measure for outcome ${i + 1}`
    else if (!(OUTCOME_MEASURE_VALUES as readonly string[]).includes(measure)) errors[`${prefix}-measure`] = `Select a measure from the list for outcome ${i + 1}`
    let target: number | null = null
    if (text(row.target)) {
      const t = number(row.target, `${position} target`)
      if (typeof t === 'string') errors[`${prefix}-target`] = t
      else target = t
    }
    let achieved: number | null = null
    if (!text(row.achieved)) errors[`${prefix}-achieved`] = `Enter the number achieved for outcome ${i + 1}`
    else {
      const a = number(row.achieved, `${position} achieved`)
      if (typeof a === 'string') errors[`${prefix}-achieved`] = a
      else if (cohortSize !== null && a > cohortSize) errors[`${prefix}-achieved`] = `${position} achieved must be no more than the cohort size (${cohortSize})`
      else achieved = a
    }
    if (measure && achieved !== null && !errors[`${prefix}-measure`] && !errors[`${prefix}-target`]) outcomes.push({ measure, target, achieved })
  })
  if (!rows.length) errors.outcomes = 'Enter at least one outcome, with the number achieved'
  if (new Set(outcomes.map((o) => o.measure)).size !== outcomes.length) errors.outcomes = 'Enter each outcome measure only once'

  if (Object.keys(errors).length || !scalars.success || !story || !from.ok || !to.ok) return { ok: false, errors }
  return {
    ok: true,
    data: {
      organisationId: input.organisationId,
      ...scalars.data,
      story,
      periodFrom: from.date,
      periodTo: to.date,
      outcomes,
    },
  }
}

/** Assembles the input from a posted form; the date inputs post day, month and year separately. */
export function caseStudyInputFromForm(values: FormValues, story: unknown): CaseStudyInput {
  const one = (k: string) => {
    const v = values[k]
    return (Array.isArray(v) ? v[0] : v) ?? ''
  }
  const many = (k: string) => {
    const v = values[k]
    return v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]
  }
  const date = (name: string) => {
    const [d, m, y] = ['day', 'month', 'year'].map((p) => one(`${name}-${p}`).trim())
    if (!d && !m && !y) return ''
    if (![d, m, y].every((p) => /^\d+$/.test(p)) || y.length !== 4) return 'invalid'
    return `${y}-${m}-${d}`
  }
  const outcomes = Array.from({ length: MAX_OUTCOMES }, (_, i) => ({
    measure: one(`outcome-${i}-measure`),
    target: one(`outcome-${i}-target`),
    achieved: one(`outcome-${i}-achieved`),
  }))
  return {
    organisationId: one('organisationId'),
    title: one('title'),
    summary: one('summary'),
    story,
    claimantGroups: many('claimantGroups'),
    journeyStages: many('journeyStages'),
    interventionTypes: many('interventionTypes'),
    regions: many('regions'),
    programme: one('programme'),
    periodFrom: date('periodFrom'),
    periodTo: date('periodTo'),
    cohortSize: one('cohortSize'),
    evidenceMethod: one('evidenceMethod'),
    outcomes,
  }
}
