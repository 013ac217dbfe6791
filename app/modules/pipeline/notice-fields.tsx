import type { JSONContent } from '@tiptap/core'
import { Button } from '~/components/button'
import { Checkboxes, Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { Details } from '~/components/misc'
import { RichTextEditor } from '~/components/rich-text-editor'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, valuesOf, type FormValues } from '~/lib/forms'
import { BASE_CPV, CPV_CODES } from './cpv'
import { AUTHORED_NOTICE_TYPES, KEY_DATES, noticeTypeOf, REGIONS, ROUTE_LABELS, ROUTES, type KeyDateColumns, type KpiInput, type LotInput, type NoticeFacts } from './model'

type Errors = Record<string, string> | undefined

/** An existing notice as the form's field values, money shown in whole pounds. */
export type NoticeFormSource = NoticeFacts &
  KeyDateColumns & {
    route: string
    lots: LotInput[]
    kpis: KpiInput[]
  }

export function noticeFormValues(n: NoticeFormSource): FormValues {
  const v: FormValues = {
    reference: n.reference,
    title: n.title,
    summary: n.summary,
    programme: n.programme,
    buyer: n.buyer,
    cpvCodes: n.cpvCodes.join(' '),
    valueMin: String(n.valueMinPence / 100),
    valueMax: String(n.valueMaxPence / 100),
    contractMonths: n.contractMonths === null ? '' : String(n.contractMonths),
    extensionMonths: n.extensionMonths === null ? '' : String(n.extensionMonths),
    extensionNote: n.extensionNote,
    route: n.route,
    regions: n.regions,
    suitable: [n.suitableForSme ? 'sme' : '', n.suitableForVcse ? 'vcse' : ''].filter(Boolean),
    lotCount: String(Math.max(1, n.lots.length)),
    noticeType: n.noticeType,
    engagementDetails: n.engagementDetails,
    contactName: n.contactName,
    contactEmail: n.contactEmail,
    contactPhone: n.contactPhone,
  }
  if (n.engagementDeadline) {
    const [y, m, d] = n.engagementDeadline.split('-')
    Object.assign(v, { 'engagementDeadline-year': y!, 'engagementDeadline-month': String(Number(m)), 'engagementDeadline-day': String(Number(d)) })
  }
  const dates = {
    marketEngagement: [n.marketEngagementDate, n.marketEngagementPrecision],
    tenderNotice: [n.tenderNoticeDate, n.tenderNoticePrecision],
    award: [n.awardDate, n.awardPrecision],
    serviceStart: [n.serviceStartDate, n.serviceStartPrecision],
  } as const
  for (const [field, [date, precision]] of Object.entries(dates)) {
    if (!date) continue
    const [y, m, d] = date.split('-')
    v[`${field}-year`] = y!
    v[`${field}-month`] = String(Number(m))
    v[`${field}-day`] = precision === 'day' ? String(Number(d)) : ''
  }
  n.relatedLinks.forEach((l, i) => {
    v[`link${i + 1}Title`] = l.title
    v[`link${i + 1}Url`] = l.url
  })
  n.lots.forEach((l, i) => {
    v[`lot${i + 1}Title`] = l.title
    v[`lot${i + 1}ValueMin`] = String(l.valueMinPence / 100)
    v[`lot${i + 1}ValueMax`] = String(l.valueMaxPence / 100)
    v[`lot${i + 1}Areas`] = l.contractPackageAreas.join('\n')
  })
  n.kpis.forEach((k, i) => {
    v[`kpi${i + 1}Name`] = k.name
    v[`kpi${i + 1}Target`] = k.target
    v[`kpi${i + 1}Latest`] = k.latestValue
    v[`kpi${i + 1}Period`] = k.latestPeriod
  })
  return v
}

export const NEW_NOTICE_VALUES: FormValues = {
  noticeType: 'pipeline',
  buyer: 'Department for Work and Pensions',
  cpvCodes: BASE_CPV,
  lotCount: '1',
}

/**
 * The notice form. Lots use GOV.UK's "add another" pattern without
 * JavaScript: the "Add another lot" button posts the form back with one
 * more empty lot, keeping everything typed.
 */
export function NoticeFields({ values, errors, lotCount, description }: { values: FormValues; errors: Errors; lotCount: number; description?: { json: JSONContent | null; text: string } }) {
  const v = (name: string) => valueOf(values, name) ?? ''
  const dateValue = (field: string) => ({ day: v(`${field}-day`), month: v(`${field}-month`), year: v(`${field}-year`) })
  return (
    <>
      <Radios
        name="noticeType"
        legend="Notice type"
        legendSize="m"
        hint="The Procurement Act 2023 notice this is published as. It becomes a contract award notice when the contract is awarded."
        value={v('noticeType')}
        error={errors?.noticeType}
        options={AUTHORED_NOTICE_TYPES.map((type) => {
          const t = noticeTypeOf(type)
          return {
            value: t.value,
            label: `${t.code} ${t.label}`,
            hint: t.hint,
            conditional:
              t.value === 'preliminary_market_engagement' ? (
                <>
                  <Textarea
                    name="engagementDetails"
                    label="How suppliers can take part"
                    hint="For example, the events, questionnaires or one-to-one sessions, and what the Category wants to learn"
                    rows={4}
                    maxLength={3000}
                    defaultValue={v('engagementDetails')}
                    error={errors?.engagementDetails}
                  />
                  <DateInput
                    name="engagementDeadline"
                    legend="Registration deadline"
                    legendSize="s"
                    hint="For example, 27 3 2027"
                    value={dateValue('engagementDeadline')}
                    error={errors?.engagementDeadline}
                  />
                </>
              ) : undefined,
          }
        })}
      />
      <TextInput name="reference" label="Reference" hint="The Category’s reference, like PL-2027-014" width={10} defaultValue={v('reference')} error={errors?.reference} />
      <TextInput name="title" label="Title" defaultValue={v('title')} error={errors?.title} />
      <Textarea name="summary" label="Summary" hint="One or two sentences for the pipeline list" rows={3} maxLength={600} defaultValue={v('summary')} error={errors?.summary} />
      <RichTextEditor
        name="description"
        label="Description"
        hint="What will be bought, for whom, and how the market can prepare"
        error={errors?.description}
        document={description?.json ?? null}
        text={valueOf(values, 'description') ?? description?.text ?? ''}
      />
      <TextInput name="programme" label="Programme (optional)" defaultValue={v('programme')} error={errors?.programme} />
      <TextInput name="buyer" label="Buyer" defaultValue={v('buyer')} error={errors?.buyer} />
      <Textarea
        name="cpvCodes"
        label="CPV codes"
        hint="Separate codes with spaces or new lines. 80000000-4 is the Category’s base code."
        rows={2}
        defaultValue={v('cpvCodes')}
        error={errors?.cpvCodes}
      />
      <Details summary="CPV codes the hub accepts">
        <ul className="govuk-list">
          {CPV_CODES.map(([code, name]) => (
            <li key={code}>
              {code} {name}
            </li>
          ))}
        </ul>
      </Details>

      <fieldset className="govuk-fieldset" aria-describedby="value-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Estimated value</legend>
        <div id="value-hint" className="govuk-hint">
          In whole pounds, excluding VAT. Use the same figure twice if there is no range.
        </div>
        <TextInput name="valueMin" label="Minimum" prefix="£" width={10} inputMode="numeric" defaultValue={v('valueMin')} error={errors?.valueMin} />
        <TextInput name="valueMax" label="Maximum" prefix="£" width={10} inputMode="numeric" defaultValue={v('valueMax')} error={errors?.valueMax} />
      </fieldset>

      <TextInput name="contractMonths" label="Contract length (optional)" suffix="months" width={3} inputMode="numeric" defaultValue={v('contractMonths')} error={errors?.contractMonths} />
      <TextInput name="extensionMonths" label="Extension options, total (optional)" suffix="months" width={3} inputMode="numeric" defaultValue={v('extensionMonths')} error={errors?.extensionMonths} />
      <TextInput
        name="extensionNote"
        label="Extension options, in words (optional)"
        hint="For example, up to two 12-month extensions"
        defaultValue={v('extensionNote')}
        error={errors?.extensionNote}
      />

      <Radios name="route" legend="Procurement route" legendSize="m" value={v('route')} error={errors?.route} options={ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))} />
      <Checkboxes
        name="regions"
        legend="Regions"
        legendSize="m"
        small
        values={valuesOf(values, 'regions')}
        error={errors?.regions}
        options={REGIONS.map((r) => ({ value: r.value, label: r.label }))}
      />
      <Checkboxes
        name="suitable"
        legend="Suitability"
        legendSize="m"
        hint="Select all that apply"
        values={valuesOf(values, 'suitable')}
        options={[
          { value: 'sme', label: 'Suitable for small and medium-sized enterprises (SMEs)' },
          { value: 'vcse', label: 'Suitable for voluntary, community and social enterprises (VCSEs)' },
        ]}
      />

      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Contact point</legend>
        <p className="govuk-body">Who suppliers contact about this procurement. Shown on the notice and in open data.</p>
        <TextInput name="contactName" label="Name or team" autoComplete="off" defaultValue={v('contactName')} error={errors?.contactName} />
        <TextInput name="contactEmail" label="Email address" type="email" spellCheck={false} autoComplete="off" defaultValue={v('contactEmail')} error={errors?.contactEmail} />
        <TextInput name="contactPhone" label="Telephone (optional)" type="tel" width={20} autoComplete="off" defaultValue={v('contactPhone')} error={errors?.contactPhone} />
      </fieldset>

      <h2 className="govuk-heading-m">Key dates</h2>
      <p className="govuk-body">Leave the day blank if the date is only known to the month. Dates must be in order.</p>
      {KEY_DATES.map(({ field, label }) => (
        <DateInput key={field} name={field} legend={`${label} (optional)`} legendSize="s" hint="For example, 4 2027 or 15 4 2027" value={dateValue(field)} error={errors?.[field]} />
      ))}

      <h2 className="govuk-heading-m">Lots</h2>
      <p className="govuk-body">Each lot has its own value and Contract Package Areas. Leave a lot blank to remove it.</p>
      <input type="hidden" name="lotCount" value={lotCount} />
      {Array.from({ length: lotCount }, (_, index) => {
        const i = index + 1
        return (
          <fieldset className="govuk-fieldset app-pipeline-lot" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Lot {i}</legend>
            <TextInput name={`lot${i}Title`} label={`Lot ${i} title`} defaultValue={v(`lot${i}Title`)} error={errors?.[`lot${i}Title`]} />
            <TextInput name={`lot${i}ValueMin`} label={`Lot ${i} minimum value`} prefix="£" width={10} inputMode="numeric" defaultValue={v(`lot${i}ValueMin`)} error={errors?.[`lot${i}ValueMin`]} />
            <TextInput name={`lot${i}ValueMax`} label={`Lot ${i} maximum value`} prefix="£" width={10} inputMode="numeric" defaultValue={v(`lot${i}ValueMax`)} error={errors?.[`lot${i}ValueMax`]} />
            <Textarea name={`lot${i}Areas`} label={`Lot ${i} Contract Package Areas`} hint="One per line" rows={2} defaultValue={v(`lot${i}Areas`)} error={errors?.[`lot${i}Areas`]} />
          </fieldset>
        )
      })}
      <Button variant="secondary" name="intent" value="add-lot">
        Add another lot
      </Button>

      <h2 className="govuk-heading-m">Top three KPIs</h2>
      <p className="govuk-body">For live contracts: the key performance indicators the Category publishes, with target and latest published value.</p>
      {[1, 2, 3].map((i) => (
        <fieldset className="govuk-fieldset" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">KPI {i} (optional)</legend>
          <TextInput name={`kpi${i}Name`} label={`KPI ${i} name`} defaultValue={v(`kpi${i}Name`)} error={errors?.[`kpi${i}Name`]} />
          <TextInput name={`kpi${i}Target`} label={`KPI ${i} target`} width={20} defaultValue={v(`kpi${i}Target`)} error={errors?.[`kpi${i}Target`]} />
          <TextInput name={`kpi${i}Latest`} label={`KPI ${i} latest published value`} width={20} defaultValue={v(`kpi${i}Latest`)} error={errors?.[`kpi${i}Latest`]} />
          <TextInput
            name={`kpi${i}Period`}
            label={`KPI ${i} period of the latest value`}
            hint="For example, April to June 2026"
            width={20}
            defaultValue={v(`kpi${i}Period`)}
            error={errors?.[`kpi${i}Period`]}
          />
        </fieldset>
      ))}

      <h2 className="govuk-heading-m">Related consultations and events</h2>
      {[1, 2, 3].map((i) => (
        <fieldset className="govuk-fieldset" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Link {i} (optional)</legend>
          <TextInput name={`link${i}Title`} label={`Link ${i} title`} defaultValue={v(`link${i}Title`)} error={errors?.[`link${i}Title`]} />
          <TextInput name={`link${i}Url`} label={`Link ${i} address`} type="url" spellCheck={false} defaultValue={v(`link${i}Url`)} error={errors?.[`link${i}Url`]} />
        </fieldset>
      ))}
    </>
  )
}

/** Error summary anchors: a date error links to its first input. */
export const NOTICE_ERROR_ANCHORS: Record<string, string> = {
  ...Object.fromEntries(KEY_DATES.map(({ field }) => [field, `${field}-month`])),
  engagementDeadline: 'engagementDeadline-day',
}
