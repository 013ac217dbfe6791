import type { JSONContent } from '@tiptap/core'
import { Checkboxes, Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { Select } from '~/components/select'
import { RichTextEditor } from '~/components/rich-text-editor'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, valuesOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { CLAIMANT_GROUPS, EVIDENCE_METHODS, evidenceLevelLabel, INTERVENTION_TYPES, JOURNEY_STAGES, OUTCOME_MEASURES, REGION_OPTIONS } from './options'
import type { CaseStudyFacts } from './facts'

/** Date errors link to the day field, as GOV.UK date inputs do. */
export const CASE_STUDY_ERROR_ANCHORS = { periodFrom: 'periodFrom-day', periodTo: 'periodTo-day', form: 'main-content' }

/** Blank outcome rows shown without JavaScript; rows left empty are ignored. */
export const OUTCOME_ROWS = 6

/** The field values of a saved case study, in the shape a posted form has. */
export function caseStudyFormValues(
  cs: CaseStudyFacts & {
    cohortSize: number
    evidenceMethod: string
    outcomes: Array<{ measure: string; target: number | null; achieved: number }>
    storyText: string
  },
): FormValues {
  const values: FormValues = {
    organisationId: cs.organisationId,
    title: cs.title,
    summary: cs.summary,
    story: cs.storyText,
    claimantGroups: cs.claimantGroups,
    journeyStages: cs.journeyStages,
    interventionTypes: cs.interventionTypes,
    regions: cs.regions,
    programme: cs.programme,
    cohortSize: String(cs.cohortSize),
    evidenceMethod: cs.evidenceMethod,
  }
  for (const [name, iso] of [
    ['periodFrom', cs.periodFrom],
    ['periodTo', cs.periodTo],
  ] as const) {
    const [y, m, d] = iso.split('-')
    values[`${name}-day`] = String(Number(d))
    values[`${name}-month`] = String(Number(m))
    values[`${name}-year`] = y
  }
  cs.outcomes.forEach((o, i) => {
    values[`outcome-${i}-measure`] = o.measure
    values[`outcome-${i}-target`] = o.target === null ? '' : String(o.target)
    values[`outcome-${i}-achieved`] = String(o.achieved)
  })
  return values
}

/** The editor's document from a failed submission, to put back in the editor. */
export function postedStoryDocument(values: Record<string, unknown> | undefined) {
  const json = values?.['story-json']
  if (typeof json !== 'string' || !json.trim()) return null
  try {
    const doc = JSON.parse(json)
    return doc && typeof doc === 'object' && doc.type === 'doc' ? doc : null
  } catch {
    return null
  }
}

const choices = (list: ReadonlyArray<{ value: string; label: string }>) => list.map((o) => ({ value: o.value, label: o.label }))

/** The lists a case study is filed under, which the browse page filters by. */
const WHO_AND_WHERE = [
  { name: 'claimantGroups', legend: 'Claimant groups supported', hint: 'Select all that apply', options: choices(CLAIMANT_GROUPS) },
  { name: 'journeyStages', legend: 'Customer journey stages', hint: 'The stages of the Customer Service Standard Framework this work covers', options: choices(JOURNEY_STAGES) },
  { name: 'interventionTypes', legend: 'Types of intervention', hint: 'Select all that apply', options: choices(INTERVENTION_TYPES) },
  { name: 'regions', legend: 'Regions', hint: 'Select all that apply', options: choices(REGION_OPTIONS) },
]

export function CaseStudyFields({
  values,
  errors,
  storyDocument,
  organisations,
}: {
  values?: FormValues
  errors?: FieldErrors
  storyDocument?: JSONContent | null
  /** Offered when posting; absent when editing (the organisation does not change). */
  organisations?: Array<{ id: string; name: string }>
}) {
  const v = (name: string) => valueOf(values, name) ?? ''
  const date = (name: string) => ({ day: v(`${name}-day`), month: v(`${name}-month`), year: v(`${name}-year`) })
  const rows = Math.max(OUTCOME_ROWS, Object.keys(values ?? {}).filter((k) => /^outcome-\d+-measure$/.test(k) && v(k)).length + 1)
  return (
    <>
      {organisations && organisations.length > 1 ? (
        <Radios
          name="organisationId"
          legend="Which organisation are you posting for?"
          legendSize="m"
          error={errors?.organisationId}
          value={v('organisationId')}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : organisations && organisations.length === 1 ? (
        <>
          <input type="hidden" name="organisationId" value={organisations[0].id} />
          <p className="govuk-body">
            You are posting for <strong>{organisations[0].name}</strong>.
          </p>
        </>
      ) : null}

      <TextInput name="title" label="Title" labelSize="m" hint="Say what you did and for whom, like “In-work mentoring for ESA claimants”" error={errors?.title} defaultValue={v('title')} />
      <Textarea
        name="summary"
        label="Summary"
        labelSize="m"
        hint="Two or three sentences shown in the list of case studies"
        error={errors?.summary}
        defaultValue={v('summary')}
        maxLength={600}
        rows={3}
      />
      <RichTextEditor
        name="story"
        label="Story"
        hint="What the problem was, what you did, who delivered it, what happened and what you would do differently."
        error={errors?.story}
        document={storyDocument ?? null}
        text={v('story')}
        rows={12}
      />

      <h2 className="govuk-heading-m">Who and where</h2>
      {WHO_AND_WHERE.map(({ name, legend, hint, options }) => (
        <Checkboxes key={name} name={name} legend={legend} legendSize="s" hint={hint} error={errors?.[name]} values={valuesOf(values, name)} options={options} small />
      ))}
      <TextInput
        name="programme"
        label="Programme"
        labelSize="s"
        hint="For example, Work Programme, Work and Health Programme or a local authority scheme"
        error={errors?.programme}
        defaultValue={v('programme')}
      />

      <h2 className="govuk-heading-m">Results</h2>
      <DateInput name="periodFrom" legend="Start of the period covered" legendSize="s" hint="For example, 1 4 2013" error={errors?.periodFrom} value={date('periodFrom')} />
      <DateInput name="periodTo" legend="End of the period covered" legendSize="s" hint="For example, 31 3 2014" error={errors?.periodTo} value={date('periodTo')} />
      <TextInput
        name="cohortSize"
        label="Cohort size"
        labelSize="s"
        hint="How many people took part in the period"
        error={errors?.cohortSize}
        defaultValue={v('cohortSize')}
        inputMode="numeric"
        width={5}
        spellCheck={false}
      />

      <div className={errors?.outcomes ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <fieldset className="govuk-fieldset" aria-describedby={errors?.outcomes ? 'outcomes-hint outcomes-error' : 'outcomes-hint'}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Outcomes</legend>
          <div id="outcomes-hint" className="govuk-hint">
            For each outcome, choose the measure and enter the number achieved. The target is optional. Leave rows you do not need empty.
          </div>
          {errors?.outcomes ? (
            <p id="outcomes-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.outcomes}
            </p>
          ) : null}
          <span id="outcomes" tabIndex={-1} />
          {Array.from({ length: rows }, (_, i) => (
            // Each outcome is a group of its own, so the space between outcomes is a form group's, not nothing.
            <div key={i} className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Outcome {i + 1}</legend>
                <Select
                  name={`outcome-${i}-measure`}
                  label={`Outcome ${i + 1} measure`}
                  error={errors?.[`outcome-${i}-measure`]}
                  defaultValue={v(`outcome-${i}-measure`)}
                  options={[{ value: '', label: 'Choose a measure' }, ...OUTCOME_MEASURES.map((m) => ({ value: m.value, label: m.label }))]}
                />
                <TextInput
                  name={`outcome-${i}-target`}
                  label={`Outcome ${i + 1} target (optional)`}
                  error={errors?.[`outcome-${i}-target`]}
                  defaultValue={v(`outcome-${i}-target`)}
                  inputMode="numeric"
                  width={5}
                  spellCheck={false}
                />
                <TextInput
                  name={`outcome-${i}-achieved`}
                  label={`Outcome ${i + 1} achieved`}
                  error={errors?.[`outcome-${i}-achieved`]}
                  defaultValue={v(`outcome-${i}-achieved`)}
                  inputMode="numeric"
                  width={5}
                  spellCheck={false}
                />
              </fieldset>
            </div>
          ))}
        </fieldset>
      </div>

      <Radios
        name="evidenceMethod"
        legend="How was the evidence gathered?"
        legendSize="s"
        hint="Readers see an evidence level from 1 to 4 based on this"
        error={errors?.evidenceMethod}
        value={v('evidenceMethod')}
        options={EVIDENCE_METHODS.map((m) => ({ value: m.value, label: m.label, hint: `${m.hint}. ${evidenceLevelLabel(m.level)}.` }))}
      />
    </>
  )
}
