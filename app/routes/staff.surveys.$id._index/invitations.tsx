import { Form } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { InsetText } from '~/components/misc'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import type { FieldErrors, FormValues } from '~/lib/forms'
import { valuesOf } from '~/lib/forms'
import { formatDate, formatDateTime } from '~/lib/time'
import type { SurveyPhase } from '~/modules/surveys/phases'

type Invitation = { organisationId: string; name: string; invitedAt: string; reminders: number | null; responded: boolean | null }

/** Who is invited, who has responded (unless the survey is anonymous), reminders and further invitations. */
export function SurveyInvitations({
  survey,
  invitations,
  responded,
  lastReminder,
  uninvited,
  errors,
  values,
}: {
  survey: { anonymous: boolean; phase: SurveyPhase }
  invitations: Invitation[]
  responded: number
  lastReminder: string | null
  uninvited: { id: string; name: string }[]
  errors: FieldErrors
  values: FormValues | undefined
}) {
  return (
    <>
      <h2 className="govuk-heading-m">Invited organisations</h2>
      <p className="govuk-body">
        {responded} of {invitations.length} invited {invitations.length === 1 ? 'organisation has' : 'organisations have'} responded.
        {lastReminder ? ` Last reminder sent ${formatDateTime(lastReminder)}.` : ''}
      </p>
      {survey.anonymous ? <InsetText>This survey is anonymous, so which organisations have responded is not shown. Reminders go only to those that have not.</InsetText> : null}
      {invitations.length ? (
        <Table
          caption="Invitations"
          captionSize="s"
          rows={invitations}
          rowKey={(i) => i.organisationId}
          columns={[
            { header: 'Organisation', cell: (i) => i.name },
            { header: 'Invited', cell: (i) => formatDate(i.invitedAt) },
            ...(survey.anonymous
              ? []
              : [
                  { header: 'Reminders', cell: (i: (typeof invitations)[number]) => i.reminders, numeric: true },
                  { header: 'Status', cell: (i: (typeof invitations)[number]) => (i.responded ? <Tag colour="green">Responded</Tag> : <Tag colour="grey">Not yet</Tag>) },
                ]),
          ]}
        />
      ) : null}
      {survey.phase === 'open' && invitations.length > responded ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="remind" />
          <Button variant="secondary">Send reminders to organisations that have not responded</Button>
        </Form>
      ) : null}
      {survey.phase !== 'closed' && uninvited.length ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Checkboxes
            name="organisations"
            legend="Invite organisations"
            legendSize="s"
            hint="Each organisation’s administrators get an email invitation."
            error={errors.organisations}
            options={uninvited.map((o) => ({ value: o.id, label: o.name }))}
            values={valuesOf(values, 'organisations') ?? []}
          />
          <ButtonGroup>
            <Button>Invite organisations</Button>
          </ButtonGroup>
        </Form>
      ) : null}
    </>
  )
}
