import { z } from 'zod'
import { Checkboxes, Radios } from '~/components/choices'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { optionalText, requiredText } from '~/lib/fields'
import { valueOf, valuesOf, type FormValues } from '~/lib/forms'
import type { QuestionType } from '~db/schema'
import { hasOwnOptions, type QUESTION_TYPES } from './questions'

/** The question types an owner offers: surveys add ranking to QUESTION_TYPES, consultations their own (CONSULTATION_QUESTION_TYPES). */
export type QuestionTypeList = typeof QUESTION_TYPES

const ticked = z.preprocess((v) => (Array.isArray(v) ? v : v ? [v] : []), z.array(z.string())).transform((v) => v.includes('yes'))

/** The add and edit question form's schema, for the types this owner offers. */
export function questionSchemaFor(types: QuestionTypeList) {
  return z
    .object({
      type: z.enum(types.map((t) => t.value) as [QuestionType, ...QuestionType[]], { error: 'Select the type of answer' }),
      text: requiredText('Enter the question', { max: 2000 }),
      hint: optionalText('Hint', 1000),
      required: ticked,
      allowOther: ticked,
      options: optionalText('Options', 5000),
      maxWords: z
        .string()
        .trim()
        .optional()
        .refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10000), { error: 'Word limit must be a whole number between 1 and 10000' })
        .transform((v) => (v ? Number(v) : null)),
    })
    .superRefine(
      (v, ctx) => {
        if (hasOwnOptions(v.type) && optionLabels(v.options).length < 2) {
          ctx.addIssue({ code: 'custom', path: ['options'], message: 'Enter at least 2 options, one on each line' })
        }
      },
      // Checked even when the wording is missing, so the error summary lists every problem at once.
      { when: ({ issues }) => !issues.some((i) => i.path?.[0] === 'type' || i.path?.[0] === 'options') },
    )
    .transform((v) => ({ ...v, optionLabels: optionLabels(v.options) }))
}

const optionLabels = (options: string) =>
  options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean)

export type QuestionDefaults = { type: string; text: string; hint: string; required: boolean; allowOther: boolean; options: string; maxWords: string }

/** What the form shows for a saved question. */
export function questionDefaults(q: {
  type: string
  text: string
  hint: string
  required: boolean
  allowOther: boolean
  options: Array<{ label: string }>
  maxWords: number | null
}): QuestionDefaults {
  return { type: q.type, text: q.text, hint: q.hint, required: q.required, allowOther: q.allowOther, options: q.options.map((o) => o.label).join('\n'), maxWords: q.maxWords ? String(q.maxWords) : '' }
}

/** “A”, “A” and “B”, “A”, “B” and “C” … */
const quotedList = (labels: string[]) => labels.map((l) => `“${l}”`).reduce((all, l, i) => (i === 0 ? l : i === labels.length - 1 ? `${all} and ${l}` : `${all}, ${l}`), '')

/** A failed submission's values win over the saved question, so nothing typed is lost. */
export function QuestionFields({ types, defaults, values, errors = {} }: { types: QuestionTypeList; defaults: QuestionDefaults; values?: FormValues; errors?: Record<string, string | undefined> }) {
  const v = (name: 'type' | 'text' | 'hint' | 'options' | 'maxWords') => (values ? (valueOf(values, name) ?? '') : defaults[name])
  const flag = (name: 'required' | 'allowOther') => (values ? (valuesOf(values, name) ?? []) : defaults[name] ? ['yes'] : [])
  return (
    <>
      <Textarea name="text" label="Question" labelSize="s" defaultValue={v('text')} error={errors.text} rows={3} />
      <TextInput name="hint" label="Hint (optional)" labelSize="s" defaultValue={v('hint')} error={errors.hint} />
      <Radios
        name="type"
        legend="Type of answer"
        legendSize="s"
        value={v('type')}
        error={errors.type}
        options={types.map((t) => ({
          value: t.value,
          label: t.label,
          conditional:
            t.value === 'long_text' ? <TextInput name="maxWords" label="Word limit (optional)" defaultValue={v('maxWords')} error={errors.maxWords} width={5} inputMode="numeric" /> : undefined,
        }))}
      />
      <Textarea
        name="options"
        label="Options, one on each line"
        labelSize="s"
        hint={`For ${quotedList(types.filter((t) => t.hasOptions && t.value !== 'grid').map((t) => t.label))} questions.${types.some((t) => t.value === 'grid') ? ' For statements on the agree–disagree scale, the statements.' : ''}`}
        defaultValue={v('options')}
        error={errors.options}
        rows={5}
      />
      <Checkboxes
        name="allowOther"
        legend={<span className="govuk-visually-hidden">Other option</span>}
        small
        options={[{ value: 'yes', label: 'Add “Other (please specify)” to the options' }]}
        values={flag('allowOther')}
      />
      <Checkboxes
        name="required"
        legend={<span className="govuk-visually-hidden">Required</span>}
        small
        options={[{ value: 'yes', label: 'Respondents must answer this question' }]}
        values={flag('required')}
      />
    </>
  )
}
