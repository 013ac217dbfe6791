import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { SummaryCard, SummaryList } from '~/components/summary-list'
import { TextInput } from '~/components/text-input'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { PhaseTag } from '~/modules/consultations/consultation-summary'
import { addConsultationSection, moveInConsultation } from '~/modules/consultations/authoring.server'
import { consultationStructure, isUpcomingWithoutResponses, listExtensions, phaseOf } from '~/modules/consultations/consultations.server'
import { ruleFailed } from '~/lib/forms'
import { RuleError } from '~/lib/result'
import { queueCounts } from '~/modules/consultations/publication.server'
import { RequestLinks } from '~/modules/consultations/request-links'
import { requestCounts } from '~/modules/consultations/requests.server'
import { ReceivedResponseLinks } from '~/modules/consultations/received-pages'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { listConsultationDocuments } from '~/modules/consultations/documents.server'
import { CONSULTATION_QUESTION_TYPES, SKIP_TO_END } from '~/modules/questionnaires/questions'
import { plural } from '~/lib/plural'
import { consultationPath, staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const structure = await consultationStructure(c)
  const extensions = await listExtensions(c.id)
  const requests = await requestCounts(c.id)
  const queue = await queueCounts(c.id)
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    phase: phaseOf(c),
    draft: c.status === 'draft',
    editable: c.status === 'draft' || (await isUpcomingWithoutResponses(c)),
    canDelete: c.status === 'draft' && !c.publishedAt,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    reminderDays: c.reminderDays,
    sections: structure.sections,
    extensions: extensions.map((e) => ({ id: e.id, reason: e.reason, next: e.newClosesAt.toISOString() })),
    requests,
    queue,
    documentCount: (await listConsultationDocuments(c.id)).length,
  }
}

const MOVE = /^(move-section|move-question)-(up|down)$/

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const target = String(formData.get('target') ?? '')
  try {
    if (intent === 'add-section') {
      await addConsultationSection(user, consultation, String(formData.get('sectionTitle') ?? ''))
    } else {
      const move = MOVE.exec(intent)
      if (!move) throw new RuleError('Choose an action')
      await moveInConsultation(user, consultation, move[1] === 'move-section' ? 'section' : 'question', target, move[2] as 'up' | 'down')
    }
  } catch (error) {
    return ruleFailed(error, { field: intent === 'add-section' ? 'sectionTitle' : 'sections' })
  }
  return redirect(staffConsultationPath(consultation.id))
}

const typeLabel = (type: string) => CONSULTATION_QUESTION_TYPES.find((t) => t.value === type)?.label ?? type

export default function StaffConsultation() {
  const d = useLoaderData<typeof loader>()
  const labelOf = new Map(d.sections.flatMap((s) => s.questions.map((q) => [q.id, q.label] as const)))
  const actionData = useActionData<typeof action>()
  const base = staffConsultationPath(d.id)
  const small = (intent: string, target: string, text: string, hidden: string) => (
    <Form method="post" className="govuk-!-display-inline">
      <input type="hidden" name="target" value={target} />
      <button type="submit" name="intent" value={intent} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1">
        {text}
        <span className="govuk-visually-hidden"> {hidden}</span>
      </button>
    </Form>
  )
  const removeLink = (step: string, target: string, hidden: string) => (
    <Link to={`${base}/confirm?step=${step}&target=${target}`} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1" role="button" draggable={false}>
      Remove<span className="govuk-visually-hidden"> {hidden}</span>
    </Link>
  )
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs />}>
      <ErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">Consultation</span>
      <h1 className="govuk-heading-l">{d.title}</h1>
      <p className="govuk-body">
        <PhaseTag phase={d.phase} />
      </p>
      <SummaryList
        rows={[
          { key: 'Summary', value: d.summary, action: { href: `${base}/edit`, visuallyHiddenText: 'details' } },
          { key: 'Opens', value: formatDateTime(d.opensAt) },
          { key: 'Closes', value: formatDateTime(d.closesAt), action: d.draft ? undefined : { href: `${base}/extend`, text: 'Extend', visuallyHiddenText: 'the closing date' } },
          {
            key: 'Reminder',
            value: d.reminderDays ? `Unsubmitted drafts are reminded ${plural(d.reminderDays, 'day')} before closing` : 'No reminder before closing',
            action: { href: `${base}/edit`, visuallyHiddenText: 'the reminder' },
          },
        ]}
      />
      {d.extensions.map((e) => (
        <InsetText key={e.id}>
          Extended to {formatDateTime(e.next)}: {e.reason}
        </InsetText>
      ))}
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={staffConsultationPath(d.id, 'documents')}>
            Documents
          </Link>
          {` (${d.documentCount === 0 ? 'none yet' : d.documentCount})`}
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/preview`}>
            Preview as a respondent sees it
          </Link>
        </li>
        {d.draft ? null : (
          <>
            <li>
              <Link className="govuk-link" to={consultationPath(d.slug)}>
                Public page
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/analysis`}>
                Responses and analysis
              </Link>
            </li>
            <ReceivedResponseLinks base={base} />
            <li>
              <Link className="govuk-link" to={staffConsultationPath(d.id, 'themes')}>
                Themes
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/campaigns`}>
                Campaigns
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/publication`}>
                Publication queue
              </Link>
              {d.queue['to-review'] ? ` (${d.queue['to-review']} to review)` : ''}
            </li>
            <li>
              <Link className="govuk-link" to={`${base}/outcome`}>
                Outcome report
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={staffConsultationPath(d.id, 'summary')}>
                Summary of responses
              </Link>
            </li>
            <RequestLinks consultationId={d.id} counts={d.requests} />
          </>
        )}
      </ul>
      {d.draft ? (
        <ButtonGroup>
          <ButtonLink to={`${base}/confirm?step=publish`}>Publish consultation</ButtonLink>
          {d.canDelete ? (
            <Link className="govuk-link" to={`${base}/confirm?step=delete`}>
              Delete this draft
            </Link>
          ) : null}
        </ButtonGroup>
      ) : d.editable ? (
        <InsetText>
          This consultation is published but has not opened. Until it opens and someone responds, you can change its questions and dates.{' '}
          <Link className="govuk-link" to={`${base}/confirm?step=unpublish`}>
            Take it back to draft
          </Link>
        </InsetText>
      ) : (
        <InsetText>This consultation is published, so its questions can no longer be changed.</InsetText>
      )}
      <h2 className="govuk-heading-l">Sections and questions</h2>
      {d.sections.map((s, si) => (
        <SummaryCard
          key={s.id}
          title={`Section ${si + 1}: ${s.title}`}
          actions={
            d.editable ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={`${base}/sections/${s.id}`}>
                    Edit<span className="govuk-visually-hidden"> section {si + 1}</span>
                  </Link>
                </li>
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={`${base}/questions/new?section=${s.id}`}>
                    Add a question<span className="govuk-visually-hidden"> to section {si + 1}</span>
                  </Link>
                </li>
              </ul>
            ) : null
          }
        >
          {s.intro ? <p className="govuk-body">{s.intro}</p> : null}
          {d.editable ? (
            <div className="govuk-body">
              {si > 0 ? small('move-section-up', s.id, 'Move up', `section ${si + 1}`) : null}
              {si < d.sections.length - 1 ? small('move-section-down', s.id, 'Move down', `section ${si + 1}`) : null}
              {removeLink('remove-section', s.id, `section ${si + 1} and its questions`)}
            </div>
          ) : null}
          {s.questions.length ? (
            <dl className="govuk-summary-list">
              {s.questions.map((q, qi) => (
                <div className="govuk-summary-list__row" key={q.id}>
                  <dt className="govuk-summary-list__key">{q.label}</dt>
                  <dd className="govuk-summary-list__value">
                    <p className="govuk-body">{q.text}</p>
                    <p className="govuk-body-s">
                      {typeLabel(q.type)}
                      {q.required ? ', required' : ', optional'}
                      {q.maxWords ? `, up to ${q.maxWords} words` : ''}
                      {q.allowOther ? ', with “Other”' : ''}
                      {q.type === 'grid' ? `, ${plural(q.options.length, 'statement')}` : ''}
                    </p>
                    {Object.entries(q.skipTo ?? {}).map(([value, target]) => (
                      <p className="govuk-body-s" key={value}>
                        If “{q.options.find((o) => o.value === value)?.label}”, skip to {target === SKIP_TO_END ? 'the end of the questions' : (labelOf.get(target) ?? 'a later question')}
                      </p>
                    ))}
                  </dd>
                  {d.editable ? (
                    <dd className="govuk-summary-list__actions">
                      <Link className="govuk-link" to={`${base}/questions/${q.id}/edit`}>
                        Edit<span className="govuk-visually-hidden"> {q.label}</span>
                      </Link>
                      {q.type === 'single_choice' ? (
                        <div className="govuk-!-margin-top-1">
                          <Link className="govuk-link" to={`${base}/questions/${q.id}/routing`}>
                            Routes<span className="govuk-visually-hidden"> from {q.label}</span>
                          </Link>
                        </div>
                      ) : null}
                      <div className="govuk-!-margin-top-2">
                        {qi > 0 ? small('move-question-up', q.id, 'Up', `move ${q.label} up`) : null}
                        {qi < s.questions.length - 1 ? small('move-question-down', q.id, 'Down', `move ${q.label} down`) : null}
                        {removeLink('remove-question', q.id, q.label)}
                      </div>
                    </dd>
                  ) : (
                    <dd className="govuk-summary-list__actions">
                      <Link className="govuk-link" to={`${base}/questions/${q.id}/answers`}>
                        Answers<span className="govuk-visually-hidden"> to {q.label}</span>
                      </Link>
                    </dd>
                  )}
                </div>
              ))}
            </dl>
          ) : (
            <p className="govuk-body">No questions yet.</p>
          )}
        </SummaryCard>
      ))}
      {d.editable ? (
        <Form method="post" noValidate>
          <TextInput
            name="sectionTitle"
            label="Add a section"
            labelSize="m"
            hint="For example, Market structure and stewardship"
            error={actionData?.errors && 'sectionTitle' in actionData.errors ? actionData.errors.sectionTitle : undefined}
          />
          <ButtonGroup>
            <Button name="intent" value="add-section" variant="secondary">
              Add section
            </Button>
          </ButtonGroup>
        </Form>
      ) : null}
    </PageContainer>
  )
}
