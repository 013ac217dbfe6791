import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, Details, InsetText } from '~/components/misc'
import { Select } from '~/components/select'
import { SummaryCard, SummaryList } from '~/components/summary-list'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { requireStaff } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import { formValues, invalid, parseForm, ruleFailed, valueOf, valuesOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate, formatDateTime, parseDateInput, toDateParts } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { QuestionFields, questionSchemaFor, type QuestionDefaults } from '~/modules/questionnaires/question-form'
import { ALL_QUESTION_TYPES } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import {
  addSurveyQuestion,
  addSurveySection,
  getSurvey,
  inviteOrganisations,
  listInvitations,
  moveSurveyQuestion,
  phaseOf,
  questionsLockedReason,
  removeSurveyQuestion,
  sendReminders,
  updateSurveyDates,
} from '~/modules/surveys/surveys.server'
import { PHASE_LABELS } from '~/modules/surveys/phases'
import { organisations } from '~db/schema'
import { asc } from 'drizzle-orm'
import { plural } from '~/lib/plural'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.survey.title, 'Staff') }]

const questionSchema = questionSchemaFor(ALL_QUESTION_TYPES)
const NO_PAGE = 'Select the page for the question'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const structure = (await getStructure(db, survey.questionnaireId))!
  const { invitations, responded, lastReminder } = await listInvitations(survey)
  const invitedIds = new Set(invitations.map((i) => i.organisationId))
  const all = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name))
  return {
    survey: {
      id: survey.id,
      slug: survey.slug,
      title: survey.title,
      year: survey.year,
      audience: survey.audience,
      respondAs: survey.respondAs,
      anonymous: survey.anonymous,
      minGroupSize: survey.minGroupSize,
      opensAt: survey.opensAt?.toISOString() ?? null,
      closesAt: survey.closesAt?.toISOString() ?? null,
      phase: phaseOf(survey),
      published: Boolean(survey.resultsPublishedAt),
    },
    sections: structure.sections,
    questionsLocked: await questionsLockedReason(db, survey),
    invitations: invitations.map((i) => ({ ...i, invitedAt: i.invitedAt.toISOString() })),
    responded,
    lastReminder: lastReminder?.toISOString() ?? null,
    uninvited: all.filter((o) => !invitedIds.has(o.id)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const values = formValues(formData)
  const base = `/staff/surveys/${survey.id}`
  try {
    if (intent === 'invite') {
      const ids = valuesOf(values, 'organisations') ?? []
      if (!ids.length) return invalid({ errors: { organisations: 'Select at least one organisation to invite' }, values })
      const result = await inviteOrganisations(user, survey, ids)
      return redirectWithNotice(base, `${plural(result.invited, 'organisation')} invited; ${plural(result.emailed, 'invitation email')} queued`)
    }
    if (intent === 'dates') {
      const opens = parseDateInput(values, 'opensAt', 'Opening date', { withTime: true })
      const closes = parseDateInput(values, 'closesAt', 'Closing date', { withTime: true })
      const errors: Record<string, string> = {}
      if (!opens.ok) errors.opensAt = opens.message
      if (!closes.ok) errors.closesAt = closes.message
      if (!opens.ok || !closes.ok) return invalid({ errors, values })
      await updateSurveyDates(user, survey.id, { opensAt: opens.date, closesAt: closes.date })
      return redirectWithNotice(base, 'Opening and closing dates saved')
    }
    if (intent === 'remind') {
      const result = await sendReminders(user, survey)
      return redirectWithNotice(base, `Reminders queued for ${plural(result.organisations, 'organisation')} that ${result.organisations === 1 ? 'has' : 'have'} not responded`)
    }
    if (intent === 'add-section') {
      const title = String(formData.get('sectionTitle') ?? '').trim()
      if (!title) return invalid({ errors: { sectionTitle: 'Enter the page title' }, values })
      await addSurveySection(survey, title)
      return redirect(base)
    }
    if (intent === 'add-question') {
      const parsed = parseForm(formData, questionSchema)
      const sectionId = String(formData.get('sectionId') ?? '')
      if (!parsed.ok || !sectionId) return invalid({ errors: { ...(sectionId ? {} : { sectionId: NO_PAGE }), ...(parsed.ok ? {} : parsed.errors) }, values })
      await addSurveyQuestion(user, survey, { ...parsed.data, sectionId })
      return redirect(base)
    }
    if (intent === 'remove-question') {
      await removeSurveyQuestion(user, survey, String(formData.get('questionId') ?? ''))
      return redirect(base)
    }
    if (intent === 'move-up' || intent === 'move-down') {
      const direction = intent === 'move-up' ? 'up' : 'down'
      const { from, to } = await moveSurveyQuestion(user, survey, String(formData.get('questionId') ?? ''), direction)
      const notice = from === to ? `${from} is already ${direction === 'up' ? 'first' : 'last'} on its page` : `${from} moved ${direction}: it is now ${to}`
      return redirectWithNotice(base, notice)
    }
  } catch (error) {
    return ruleFailed(error, { field: intent === 'dates' ? 'closesAt' : 'form', values })
  }
  return data({ ok: false as const, errors: { form: 'Choose an action' } as Record<string, string>, values }, { status: 400 })
}

const part = (v: (name: string) => string, name: string) => ({ day: v(`${name}-day`), month: v(`${name}-month`), year: v(`${name}-year`), time: v(`${name}-time`) })

const NEW_QUESTION: QuestionDefaults = { type: '', text: '', hint: '', required: false, allowOther: false, options: '', maxWords: '' }

const AUDIENCE = { invited_organisations: 'Organisations you invite', members: 'Any signed-in member' }

export default function StaffSurvey() {
  const { survey, sections, questionsLocked, invitations, responded, lastReminder, uninvited } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  const v = (name: string, fallback = '') => valueOf(actionData?.values, name) ?? fallback
  const editable = !questionsLocked
  return (
    <PageContainer before={<BackLink to="/staff/surveys">Back to surveys</BackLink>}>
      <ErrorSummary errors={errors} anchors={{ opensAt: 'opensAt-day', closesAt: 'closesAt-day' }} />
      <span className="govuk-caption-l">Supplier survey {survey.year}</span>
      <h1 className="govuk-heading-l">{survey.title}</h1>
      <p className="govuk-body">
        <Tag colour={survey.phase === 'open' ? 'green' : 'grey'}>{PHASE_LABELS[survey.phase]}</Tag>
      </p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/staff/surveys/${survey.id}/results`}>
            Results dashboard
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/staff/surveys/${survey.id}/summary`}>
            {survey.published ? 'Change the published results summary' : 'Publish a results summary'}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/surveys/${survey.slug}`}>
            The survey as respondents see it
          </Link>
        </li>
      </ul>
      <SummaryList
        rows={[
          { key: 'Who can respond', value: AUDIENCE[survey.audience] },
          { key: 'Responses', value: survey.respondAs === 'organisation' ? 'One per organisation' : 'One per person' },
          { key: 'Answers', value: survey.anonymous ? 'Anonymous: no link to people or organisations' : 'Attributed' },
          { key: 'Minimum group size', value: String(survey.minGroupSize) },
          { key: 'Opens', value: survey.opensAt ? formatDateTime(survey.opensAt) : 'Not set' },
          { key: 'Closes', value: survey.closesAt ? formatDateTime(survey.closesAt) : 'Not set' },
        ]}
      />

      {survey.phase !== 'closed' ? (
        <Details summary="Change the opening and closing dates" open={Boolean(errors.opensAt || errors.closesAt)}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="dates" />
            <DateInput name="opensAt" legend="Opens" legendSize="s" hint="UK time, for example 1 3 2026 09:00" withTime value={actionData?.values ? part(v, 'opensAt') : toDateParts(survey.opensAt)} error={errors.opensAt} />
            <DateInput name="closesAt" legend="Closes" legendSize="s" hint="UK time, for example 31 3 2026 17:00" withTime value={actionData?.values ? part(v, 'closesAt') : toDateParts(survey.closesAt)} error={errors.closesAt} />
            <Button variant="secondary">Save dates</Button>
          </Form>
        </Details>
      ) : null}

      <h2 className="govuk-heading-m">Questions</h2>
      {sections.length ? null : <p className="govuk-body">There are no questions yet. Add a page, then questions on it.</p>}
      {sections.map((s) => (
        <SummaryCard key={s.id} title={`Page ${s.number}: ${s.title}`}>
          <SummaryList
            rows={s.questions.map((q, qi) => ({
              key: q.label,
              value: (
                <>
                  <p className="govuk-body">{q.text}</p>
                  <p className="govuk-body-s">
                    {ALL_QUESTION_TYPES.find((t) => t.value === q.type)?.label}
                    {q.options.length ? `: ${q.options.map((o) => o.label).join(', ')}` : ''}
                    {q.required ? '. Required' : ''}
                    {q.predecessorQuestionId ? '. Linked to last year’s question' : ''}
                  </p>
                  {editable && s.questions.length > 1 ? (
                    <Form method="post" noValidate className="govuk-button-group govuk-!-margin-bottom-0">
                      <input type="hidden" name="questionId" value={q.id} />
                      {qi > 0 ? (
                        <Button variant="secondary" name="intent" value="move-up" className="govuk-!-margin-bottom-0">
                          Move up<span className="govuk-visually-hidden"> {q.label}</span>
                        </Button>
                      ) : null}
                      {qi < s.questions.length - 1 ? (
                        <Button variant="secondary" name="intent" value="move-down" className="govuk-!-margin-bottom-0">
                          Move down<span className="govuk-visually-hidden"> {q.label}</span>
                        </Button>
                      ) : null}
                    </Form>
                  ) : null}
                </>
              ),
              action: editable ? { href: `/staff/surveys/${survey.id}/questions/${q.id}/edit`, text: 'Edit', visuallyHiddenText: q.label } : undefined,
            }))}
          />
          {editable && s.questions.length ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="remove-question" />
              <Select
                name="questionId"
                id={`remove-${s.id}`}
                label={`Question to remove from page ${s.number}`}
                options={s.questions.map((q) => ({ value: q.id, label: `${q.label}: ${q.text.slice(0, 60)}` }))}
              />
              <Button variant="warning">Remove question</Button>
            </Form>
          ) : null}
        </SummaryCard>
      ))}
      {editable ? (
        <Details summary="Add a page or a question" open={Boolean(errors.sectionTitle || errors.text || errors.hint || errors.options || errors.type || errors.maxWords || errors.sectionId)}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-section" />
            <TextInput name="sectionTitle" label="Page title" labelSize="s" defaultValue={v('sectionTitle')} error={errors.sectionTitle} />
            <Button variant="secondary">Add page</Button>
          </Form>
          {sections.length ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-question" />
              <Select name="sectionId" label="Page" labelSize="s" error={errors.sectionId} defaultValue={v('sectionId')} options={sections.map((s) => ({ value: s.id, label: s.title }))} />
              <QuestionFields types={ALL_QUESTION_TYPES} defaults={NEW_QUESTION} values={actionData?.values?.intent === 'add-question' ? actionData.values : undefined} errors={errors} />
              <Button variant="secondary">Add question</Button>
            </Form>
          ) : null}
        </Details>
      ) : (
        <p className="govuk-body">{questionsLocked}.</p>
      )}

      {survey.audience === 'invited_organisations' ? (
        <>
          <h2 className="govuk-heading-m">Invited organisations</h2>
          <p className="govuk-body">
            {responded} of {invitations.length} invited {invitations.length === 1 ? 'organisation has' : 'organisations have'} responded.
            {lastReminder ? ` Last reminder sent ${formatDateTime(lastReminder)}.` : ''}
          </p>
          {survey.anonymous ? (
            <InsetText>This survey is anonymous, so which organisations have responded is not shown. Reminders go only to those that have not.</InsetText>
          ) : null}
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
                values={valuesOf(actionData?.values, 'organisations') ?? []}
              />
              <ButtonGroup>
                <Button>Invite organisations</Button>
              </ButtonGroup>
            </Form>
          ) : null}
        </>
      ) : null}
    </PageContainer>
  )
}
