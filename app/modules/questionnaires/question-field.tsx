import { Checkboxes, Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { FileUpload } from '~/components/file-upload'
import { acceptAttribute, acceptedKindsText, DOCUMENT_KINDS, MAX_FILE_TEXT } from '~/modules/files/file-types'
import { Details } from '~/components/misc'
import { describedBy, ErrorMessage, Fieldset, FormGroup, Hint } from '~/components/field-parts'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import type { FormValues } from '~/lib/forms'
import { valueOf, valuesOf } from '~/lib/forms'
import {
  AGREE_SCALE,
  confidentialFieldName,
  confidentialReasonFieldName,
  fieldName,
  gridAnswers,
  optionsFor,
  ordinal,
  OTHER_VALUE,
  otherFieldName,
  removeFileFieldName,
  SHORT_TEXT_MAX,
  statementFieldName,
  type EngineQuestion,
} from './questions'

export type SavedAnswer = { text: string | null; choices: string[]; otherText: string | null; confidential: boolean; confidentialReason: string | null; fileId?: string | null }

type Props = {
  question: EngineQuestion & { label: string }
  saved?: SavedAnswer | null
  /** What was posted when the page was refused, so nothing typed is lost. */
  values?: FormValues
  errors?: Record<string, string | undefined>
  /** Offer "keep this answer confidential" with a reason. */
  confidentiality?: boolean
}

/** One question as a respondent sees it, on the answer page and in the staff preview. */
export function QuestionField({ question: q, saved, values, errors = {}, confidentiality = false }: Props) {
  const name = fieldName(q.id)
  const title = (
    <>
      <span className="govuk-visually-hidden">Question </span>
      {q.label}: {q.text}
      {q.required ? null : <span className="govuk-visually-hidden"> (optional)</span>}
    </>
  )
  const hint = [q.hint, q.required ? '' : 'Optional.'].filter(Boolean).join(' ') || undefined
  const text = values ? (valueOf(values, name) ?? '') : (saved?.text ?? '')
  const chosen = values ? (valuesOf(values, name) ?? []) : (saved?.choices ?? [])
  const otherText = values ? (valueOf(values, otherFieldName(q.id)) ?? '') : (saved?.otherText ?? '')
  const options = optionsFor(q).map((o) =>
    o.value === OTHER_VALUE
      ? {
          ...o,
          conditional: <TextInput name={otherFieldName(q.id)} label="Please specify" defaultValue={otherText} error={errors[otherFieldName(q.id)]} maxLength={SHORT_TEXT_MAX + 100} />,
        }
      : o,
  )
  let control
  if (q.type === 'long_text') {
    control = <Textarea name={name} label={title} labelSize="s" hint={hint} error={errors[name]} defaultValue={text} maxWords={q.maxWords ?? undefined} rows={8} />
  } else if (q.type === 'short_text') {
    control = <TextInput name={name} label={title} labelSize="s" hint={hint} error={errors[name]} defaultValue={text} />
  } else if (q.type === 'number') {
    control = <TextInput name={name} label={title} labelSize="s" hint={hint} error={errors[name]} defaultValue={text} width={10} inputMode="decimal" spellCheck={false} />
  } else if (q.type === 'date') {
    const [year, month, day] = (saved?.text ?? '').split('-')
    const part = (p: 'day' | 'month' | 'year', kept: string | undefined) => (values ? (valueOf(values, `${name}-${p}`) ?? '') : kept ? String(Number(kept)) : '')
    const value = { day: part('day', day), month: part('month', month), year: values ? part('year', year) : (year ?? '') }
    // As GOV.UK marks a date's errors: the fields left empty when others were filled, otherwise all three.
    const empty = (['day', 'month', 'year'] as const).filter((p) => !value[p].trim())
    control = (
      <DateInput
        name={name}
        legend={title}
        legendSize="s"
        hint={[hint, 'For example, 27 3 2026.'].filter(Boolean).join(' ')}
        error={errors[name]}
        value={value}
        errorParts={empty.length && empty.length < 3 ? [...empty] : undefined}
      />
    )
  } else if (q.type === 'file_upload') {
    // A document already attached is kept unless another is chosen or it is removed; a browser never keeps a chosen file after a refused page.
    const attached = saved?.fileId ? saved.text : null
    const removing = values ? valueOf(values, removeFileFieldName(q.id)) === 'yes' : false
    const kinds = `${acceptedKindsText(DOCUMENT_KINDS)}, smaller than ${MAX_FILE_TEXT}`
    control = (
      <div>
        <FileUpload
          name={name}
          label={title}
          labelSize="s"
          hint={[hint, `A ${kinds}.`, attached ? 'Choose a file only to replace the one attached.' : ''].filter(Boolean).join(' ')}
          error={errors[name]}
          accept={acceptAttribute(DOCUMENT_KINDS)}
        />
        {attached ? (
          <>
            <p className="govuk-body">
              Attached: <strong>{attached}</strong>
            </p>
            <Checkboxes
              name={removeFileFieldName(q.id)}
              legend={<span className="govuk-visually-hidden">Remove the document attached for {q.label}</span>}
              small
              options={[{ value: 'yes', label: `Remove this document from my answer to ${q.label}` }]}
              values={removing ? ['yes'] : []}
            />
          </>
        ) : null}
      </div>
    )
  } else if (q.type === 'grid') {
    // A stack of radio groups, one per statement: each is labelled by its own legend and reads well at any width.
    const given = saved ? gridAnswers(saved.choices) : new Map<string, string>()
    const gridHint = [hint, 'Choose one answer for each statement.'].filter(Boolean).join(' ')
    control = (
      <div className="govuk-form-group" id={name}>
        <Fieldset legend={title} legendSize="s" describedBy={`${name}-hint`}>
          <Hint id={`${name}-hint`}>{gridHint}</Hint>
          {q.options.map((statement, i) => {
            const field = statementFieldName(q.id, statement.value)
            return (
              <Radios
                key={statement.value}
                name={field}
                legend={
                  <>
                    <span className="govuk-visually-hidden">
                      {q.label}, statement {i + 1}:{' '}
                    </span>
                    {statement.label}
                  </>
                }
                error={errors[field]}
                options={AGREE_SCALE}
                value={values ? (valueOf(values, field) ?? null) : (given.get(statement.value) ?? null)}
                small
              />
            )
          })}
        </Fieldset>
      </div>
    )
  } else if (q.type === 'ranking') {
    const base = optionsFor(q)
    const blank = { value: '', label: 'Choose an option' }
    control = (
      <FormGroup error={errors[name]}>
        <Fieldset legend={title} legendSize="s" describedBy={describedBy(name, hint ?? 'Choose one option for each place, most important first.', errors[name])}>
          <Hint id={`${name}-hint`}>{[hint, 'Choose one option for each place, most important first.'].filter(Boolean).join(' ')}</Hint>
          {errors[name] ? <ErrorMessage id={`${name}-error`}>{errors[name]}</ErrorMessage> : null}
          {base.map((_, i) => (
            <div className="govuk-form-group" key={i}>
              <label className="govuk-label" htmlFor={i === 0 ? name : `${name}-${i + 1}`}>
                {ordinal(i + 1)}
                <span className="govuk-visually-hidden"> place for {q.label}</span>
              </label>
              <select className={errors[name] ? 'govuk-select govuk-select--error' : 'govuk-select'} id={i === 0 ? name : `${name}-${i + 1}`} name={name} defaultValue={chosen[i] ?? ''}>
                {[blank, ...base].map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </Fieldset>
      </FormGroup>
    )
  } else if (q.type === 'multiple_choice') {
    control = <Checkboxes name={name} legend={title} legendSize="s" hint={hint ?? 'Select all that apply.'} error={errors[name]} options={options} values={chosen} />
  } else {
    control = <Radios name={name} legend={title} legendSize="s" hint={hint} error={errors[name]} options={options} value={chosen[0] ?? null} small={q.type === 'rating'} inline={q.type === 'rating'} />
  }
  if (!confidentiality) return control
  const confidential = values ? valueOf(values, confidentialFieldName(q.id)) === 'yes' : Boolean(saved?.confidential)
  const reason = values ? (valueOf(values, confidentialReasonFieldName(q.id)) ?? '') : (saved?.confidentialReason ?? '')
  return (
    <div className="app-question">
      {control}
      <Details summary={`Ask for your answer to ${q.label} to be kept confidential`} open={confidential || Boolean(errors[confidentialReasonFieldName(q.id)])}>
        <Checkboxes
          name={confidentialFieldName(q.id)}
          legend={<span className="govuk-visually-hidden">Confidentiality of your answer to {q.label}</span>}
          small
          options={[{ value: 'yes', label: `Keep my answer to ${q.label} confidential` }]}
          values={confidential ? ['yes'] : []}
        />
        <Textarea
          name={confidentialReasonFieldName(q.id)}
          label={`Why should your answer to ${q.label} be kept confidential?`}
          hint="We will try to keep it confidential but cannot guarantee this if disclosure is required by law."
          error={errors[confidentialReasonFieldName(q.id)]}
          defaultValue={reason}
          rows={3}
        />
      </Details>
    </div>
  )
}
