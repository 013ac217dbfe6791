import { z } from 'zod'
import { Checkboxes, Radios } from '~/components/choices'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { optionalText, requiredText } from '~/lib/fields'
import { valueOf, valuesOf, type FormValues } from '~/lib/forms'
import { QUESTION_TYPES } from '~/modules/questionnaires/questions'

export const questionSchema = z
  .object({
    type: z.enum(['long_text', 'short_text', 'single_choice', 'multiple_choice', 'agree_scale', 'rating'], { error: 'Select the type of answer' }),
    text: requiredText('Enter the question', { max: 2000 }),
    hint: optionalText('Hint', 1000),
    required: z.preprocess((v) => (Array.isArray(v) ? v : v ? [v] : []), z.array(z.string())).transform((v) => v.includes('yes')),
    allowOther: z.preprocess((v) => (Array.isArray(v) ? v : v ? [v] : []), z.array(z.string())).transform((v) => v.includes('yes')),
    options: optionalText('Options', 5000),
    maxWords: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10000), { error: 'Word limit must be a whole number between 1 and 10000' })
      .transform((v) => (v ? Number(v) : null)),
  })
  .transform((v) => ({ ...v, optionLabels: (v.options ?? '').split('\n').map((o) => o.trim()).filter(Boolean) }))
  .superRefine((v, ctx) => {
    if ((v.type === 'single_choice' || v.type === 'multiple_choice') && v.optionLabels.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Enter at least 2 options, one on each line' })
    }
  })

export type QuestionDefaults = { type: string; text: string; hint: string; required: boolean; allowOther: boolean; options: string; maxWords: string }

export function QuestionFields({ defaults, values, errors = {} }: { defaults: QuestionDefaults; values?: FormValues; errors?: Record<string, string | undefined> }) {
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
        options={QUESTION_TYPES.map((t) => ({
          value: t.value,
          label: t.label,
          conditional:
            t.value === 'long_text' ? (
              <TextInput name="maxWords" label="Word limit (optional)" defaultValue={v('maxWords')} error={errors.maxWords} width={5} inputMode="numeric" />
            ) : undefined,
        }))}
      />
      <Textarea
        name="options"
        label="Options, one on each line"
        labelSize="s"
        hint="For “Choose one option” and “Choose one or more options” questions."
        defaultValue={v('options')}
        error={errors.options}
        rows={5}
      />
      <Checkboxes name="allowOther" legend={<span className="govuk-visually-hidden">Other option</span>} small options={[{ value: 'yes', label: 'Add “Other (please specify)” to the options' }]} values={flag('allowOther')} />
      <Checkboxes name="required" legend={<span className="govuk-visually-hidden">Required</span>} small options={[{ value: 'yes', label: 'Respondents must answer this question' }]} values={flag('required')} />
    </>
  )
}
