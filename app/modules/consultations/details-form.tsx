import { z } from 'zod'
import { Checkboxes, Radios, YES_NO } from '~/components/choices'
import { Select } from '~/components/select'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { choice, email, optionalText, requiredText } from '~/lib/fields'
import { valueOf, type FormValues } from '~/lib/forms'
import { optionValues } from '~/lib/options'
import { CONSENT_OPTIONS, RESPONDENT_TYPES } from './options'

/** The respondent details form: who is responding, publishing consent and whole-response confidentiality. */
export const detailsSchema = z
  .object({
    respondentType: choice(optionValues(RESPONDENT_TYPES), 'Select whether you are responding as an individual or for an organisation'),
    name: requiredText('Enter your name', { max: 200 }),
    email: email().optional(),
    organisationId: z.string().optional(),
    organisationName: optionalText('Organisation name', 200),
    represents: optionalText('Who the organisation represents', 2000),
    howViewsAssembled: optionalText('How the views of members were assembled', 2000),
    publishingConsent: choice(optionValues(CONSENT_OPTIONS), 'Select whether we may publish your response'),
    confidential: choice(['yes', 'no'], 'Select whether you want your whole response kept confidential'),
    confidentialReason: optionalText('Your reason', 2000),
    notify: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.respondentType === 'organisation' && !v.organisationId && !v.organisationName) {
      ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'Enter the name of the organisation' })
    }
    if (v.respondentType === 'organisation' && !v.represents) {
      ctx.addIssue({ code: 'custom', path: ['represents'], message: 'Enter who the organisation represents' })
    }
    if (v.confidential === 'yes' && !v.confidentialReason) {
      ctx.addIssue({ code: 'custom', path: ['confidentialReason'], message: 'Explain why your response should be kept confidential' })
    }
  })

const OWN_WORDS = {
  type: 'Are you responding as an individual or on behalf of an organisation?',
  organisation: 'If you are responding on behalf of an organisation',
  name: 'Your name',
  email: 'Your email address',
  emailHint: 'We will send your acknowledgement and a copy of your answers here.',
  publish: 'May we publish your response?',
  publishHint: 'We publish responses after the consultation closes. We never publish email addresses, or answers you ask us to keep confidential.',
  confidential: 'Do you want your whole response kept confidential?',
  confidentialReason: 'If yes, why should your response be kept confidential?',
}

const ON_BEHALF_WORDS: typeof OWN_WORDS = {
  type: 'Did they respond as an individual or on behalf of an organisation?',
  organisation: 'If they responded on behalf of an organisation',
  name: 'Respondent’s name',
  email: 'Respondent’s email address (optional)',
  emailHint: 'Leave blank if they wrote by post and gave none. No acknowledgement is emailed.',
  publish: 'Did they agree to their response being published?',
  publishHint: 'As they said in their email or letter. If they did not say, choose “Do not publish”.',
  confidential: 'Did they ask for their whole response to be kept confidential?',
  confidentialReason: 'If yes, the reason they gave',
}

export type DetailsValues = z.output<typeof detailsSchema>

type Defaults = Partial<
  Record<
    'respondentType' | 'name' | 'email' | 'organisationId' | 'organisationName' | 'represents' | 'howViewsAssembled' | 'publishingConsent' | 'confidential' | 'confidentialReason' | 'notify',
    string
  >
>

export function DetailsFields({
  values,
  defaults = {},
  errors = {},
  askEmail,
  organisations,
  lockType,
  onBehalf,
}: {
  values?: FormValues
  defaults?: Defaults
  errors?: Record<string, string | undefined>
  askEmail: boolean
  organisations: Array<{ id: string; name: string }>
  /** Once a response exists, who it is from does not change. */
  lockType?: boolean
  /** Staff entering a response received by email or post: the questions speak of the respondent, and the email address is optional. */
  onBehalf?: boolean
}) {
  const words = onBehalf ? ON_BEHALF_WORDS : OWN_WORDS
  const v = (name: keyof Defaults) => (values ? valueOf(values, name) : defaults[name]) ?? ''
  const organisationFields = (
    <>
      {organisations.length ? (
        <Select
          name="organisationId"
          label="Organisation"
          hint="Members of an organisation on the hub draft one response together; an administrator of the organisation submits it."
          defaultValue={v('organisationId')}
          error={errors.organisationId}
          options={[...organisations.map((o) => ({ value: o.id, label: o.name })), { value: '', label: 'Another organisation (enter its name below)' }]}
          disabled={lockType}
        />
      ) : null}
      <TextInput
        name="organisationName"
        label={organisations.length ? 'Name of the other organisation' : 'Name of the organisation'}
        defaultValue={v('organisationName')}
        error={errors.organisationName}
        disabled={lockType}
      />
      <Textarea name="represents" label="Who does the organisation represent?" defaultValue={v('represents')} error={errors.represents} rows={3} />
      <Textarea
        name="howViewsAssembled"
        label="How were the views of members assembled? (optional)"
        hint="For example, a members’ survey or a meeting."
        defaultValue={v('howViewsAssembled')}
        error={errors.howViewsAssembled}
        rows={3}
      />
    </>
  )
  return (
    <>
      {lockType ? <input type="hidden" name="respondentType" value={v('respondentType')} /> : null}
      {lockType ? (
        v('respondentType') === 'organisation' ? (
          <>
            <h2 className="govuk-heading-m">On behalf of {v('organisationName')}</h2>
            <Textarea name="represents" label="Who does the organisation represent?" defaultValue={v('represents')} error={errors.represents} rows={3} />
            <Textarea name="howViewsAssembled" label="How were the views of members assembled? (optional)" defaultValue={v('howViewsAssembled')} error={errors.howViewsAssembled} rows={3} />
            <input type="hidden" name="organisationName" value={v('organisationName')} />
            {v('organisationId') ? <input type="hidden" name="organisationId" value={v('organisationId')} /> : null}
          </>
        ) : null
      ) : (
        <Radios name="respondentType" legend={words.type} legendSize="m" value={v('respondentType')} error={errors.respondentType} options={RESPONDENT_TYPES} />
      )}
      {lockType ? null : (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{words.organisation}</legend>
          {organisationFields}
        </fieldset>
      )}
      <TextInput name="name" label={words.name} defaultValue={v('name')} error={errors.name} autoComplete="name" />
      {askEmail ? <TextInput name="email" label={words.email} hint={words.emailHint} defaultValue={v('email')} error={errors.email} type="email" autoComplete="email" spellCheck={false} /> : null}
      <Radios name="publishingConsent" legend={words.publish} legendSize="m" hint={words.publishHint} value={v('publishingConsent')} error={errors.publishingConsent} options={CONSENT_OPTIONS} />
      {onBehalf ? null : (
        <Checkboxes
          name="notify"
          legend="Do you want us to tell you when we publish?"
          legendSize="s"
          values={values ? (valueOf(values, 'notify') ? ['yes'] : []) : defaults.notify === 'yes' ? ['yes'] : []}
          options={[{ value: 'yes', label: 'Email me when the responses and the outcome are published' }]}
        />
      )}
      <Radios
        name="confidential"
        legend={words.confidential}
        legendSize="m"
        hint="Information you send may be published or disclosed under the Freedom of Information Act 2000. If you want it kept confidential, explain why; we cannot guarantee this. You can also ask for single answers to be kept confidential."
        value={v('confidential')}
        error={errors.confidential}
        options={YES_NO}
      />
      <Textarea name="confidentialReason" label={words.confidentialReason} defaultValue={v('confidentialReason')} error={errors.confidentialReason} rows={3} />
    </>
  )
}
