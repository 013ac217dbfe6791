import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { Fieldset } from '~/components/field-parts'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { Select } from '~/components/select'
import { TextInput } from '~/components/text-input'
import { staffNoticePath } from '~/lib/paths'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed, valueOf, type FormValues } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { awardFormValues, parseAwardForm } from '~/modules/pipeline/award-form.server'
import { MAX_SUPPLIERS } from '~/modules/pipeline/awards'
import { recordAward, supplierChoices } from '~/modules/pipeline/awards.server'
import { CURRENCIES, isOpen, STATUS_LABELS } from '~/modules/pipeline/model'
import { getNotice } from '~/modules/pipeline/notices.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.awarded ? 'Correct the contract award' : 'Record the contract award', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  return {
    id: notice.id,
    title: notice.title,
    status: STATUS_LABELS[notice.status],
    published: Boolean(notice.publishedAt),
    awardable: Boolean(notice.publishedAt) && (isOpen(notice.status) || notice.status === 'awarded'),
    awarded: Boolean(notice.award),
    values: awardFormValues(notice.award),
    organisations: await supplierChoices(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  const form = parseAwardForm(formData)
  if (!form.ok) return invalid(form)
  try {
    const { revision } = await recordAward(user, params.id ?? '', form.data)
    return redirectWithNotice(staffNoticePath(params.id ?? ''), revision ? 'The contract award is recorded and published on the notice' : 'Nothing was changed')
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData) })
  }
}

const ANCHORS: Record<string, string> = { awardDate: 'awardDate-day', contractStart: 'contractStart-day', contractEnd: 'contractEnd-day' }

const dateParts = (values: FormValues, name: string) => ({ day: valueOf(values, `${name}-day`), month: valueOf(values, `${name}-month`), year: valueOf(values, `${name}-year`) })

export default function RecordAward() {
  const { id, title, status, published, awardable, awarded, values, organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const shown: FormValues = actionData?.values ?? values
  const heading = awarded ? 'Correct the contract award' : 'Record the contract award'
  return (
    <PageContainer before={<BackLink to={staffNoticePath(id)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} anchors={ANCHORS} />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          {!awardable ? (
            <p className="govuk-body">{published ? `This notice is ${status.toLowerCase()}.` : 'This notice is a draft.'} Only a published notice that is still open can be awarded.</p>
          ) : (
            <>
              <p className="govuk-body">
                The award is published on the notice, in its change log and in open data, and the notice becomes a contract award notice (UK6). Subscribers to matching alerts are told.
              </p>
              {awarded ? <WarningText>This notice is already awarded. Your corrections will be listed in its public change log.</WarningText> : null}
              <Form method="post" noValidate>
                {Array.from({ length: MAX_SUPPLIERS }, (_, index) => {
                  const n = index + 1
                  return (
                    <Fieldset key={n} legend={n === 1 ? 'Supplier' : `Supplier ${n} (if the contract is awarded to more than one)`} legendSize="m">
                      <Select
                        name={`supplier${n}Organisation`}
                        label="Organisation in the directory"
                        hint={n === 1 ? 'If the supplier is not in the directory, leave this as it is and enter its name below.' : undefined}
                        error={errors?.[`supplier${n}Organisation`]}
                        defaultValue={valueOf(shown, `supplier${n}Organisation`) ?? ''}
                        options={[{ value: '', label: 'Not in the directory' }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
                      />
                      <TextInput
                        name={`supplier${n}Name`}
                        label="Or the supplier’s name"
                        error={errors?.[`supplier${n}Name`]}
                        defaultValue={valueOf(shown, `supplier${n}Name`)}
                        autoComplete="organization"
                      />
                      <TextInput
                        name={`supplier${n}CompanyNumber`}
                        label="Companies House number (optional)"
                        hint="8 characters, like 01234567 or SC123456"
                        width={10}
                        error={errors?.[`supplier${n}CompanyNumber`]}
                        defaultValue={valueOf(shown, `supplier${n}CompanyNumber`)}
                        spellCheck={false}
                      />
                      <TextInput name={`supplier${n}Street`} label="Building and street (optional)" defaultValue={valueOf(shown, `supplier${n}Street`)} autoComplete="off" />
                      <TextInput name={`supplier${n}Town`} label="Town or city (optional)" width={20} defaultValue={valueOf(shown, `supplier${n}Town`)} autoComplete="off" />
                      <TextInput name={`supplier${n}Postcode`} label="Postcode (optional)" width={10} defaultValue={valueOf(shown, `supplier${n}Postcode`)} autoComplete="off" />
                    </Fieldset>
                  )
                })}
                <Fieldset legend="Contract value" legendSize="m">
                  <TextInput
                    name="value"
                    label="Total value, excluding VAT"
                    hint="For example, 2450000 or 2450000.50"
                    width={10}
                    inputMode="decimal"
                    error={errors?.value}
                    defaultValue={valueOf(shown, 'value')}
                    spellCheck={false}
                  />
                  <Select
                    name="currency"
                    label="Currency"
                    error={errors?.currency}
                    defaultValue={valueOf(shown, 'currency') ?? 'GBP'}
                    options={CURRENCIES.map((c) => ({ value: c.value, label: c.label }))}
                  />
                </Fieldset>
                <DateInput
                  name="awardDate"
                  legend="Award date"
                  legendSize="s"
                  hint="The date the contract was awarded, for example 27 3 2027"
                  error={errors?.awardDate}
                  value={dateParts(shown, 'awardDate')}
                />
                <DateInput name="contractStart" legend="Contract start date" legendSize="s" error={errors?.contractStart} value={dateParts(shown, 'contractStart')} />
                <DateInput name="contractEnd" legend="Contract end date" legendSize="s" hint="Not counting extension options" error={errors?.contractEnd} value={dateParts(shown, 'contractEnd')} />
                <Button>{awarded ? 'Save the corrected award' : 'Record the award'}</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
