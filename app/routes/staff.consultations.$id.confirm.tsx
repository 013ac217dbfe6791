import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDateTime } from '~/lib/time'
import { ruleFailed } from '~/lib/forms'
import { deleteDraftConsultation, publishWithConfirmation, removalTarget, removeFromConsultation, unpublishConsultation } from '~/modules/consultations/authoring.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { staffConsultationPath } from '~/lib/paths'

/**
 * One confirmation page for the authoring steps that cannot simply be
 * undone: publishing, removing a section or a question, deleting a draft and
 * taking an upcoming consultation back to draft. Works without JavaScript.
 */
const STEPS = {
  publish: { heading: 'Publish this consultation?', button: 'Publish consultation', warning: false },
  'remove-section': { heading: 'Remove this section?', button: 'Remove section', warning: true },
  'remove-question': { heading: 'Remove this question?', button: 'Remove question', warning: true },
  delete: { heading: 'Delete this draft?', button: 'Delete draft', warning: true },
  unpublish: { heading: 'Take this consultation back to draft?', button: 'Take back to draft', warning: true },
} as const
type Step = keyof typeof STEPS

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? STEPS[data.step].heading : 'Confirm', data?.title) }]

function stepOf(request: Request) {
  const url = new URL(request.url)
  const step = url.searchParams.get('step') as Step | null
  invariantResponse(step && step in STEPS, 'Nothing to confirm')
  return { step, target: url.searchParams.get('target') ?? '' }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const { step, target } = stepOf(request)
  const removal = step === 'remove-section' || step === 'remove-question' ? await removalTarget(c, step === 'remove-section' ? 'section' : 'question', target) : null
  invariantResponse(removal || !step.startsWith('remove'), 'That part of the consultation has already been removed')
  const structure = await consultationStructure(c)
  return {
    id: c.id,
    title: c.title,
    step,
    target,
    removal,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    questions: structure.questions.length,
    sections: structure.sections.length,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation: c } = await requireStaffConsultation(request, params.id)
  const { step, target } = stepOf(request)
  const base = staffConsultationPath(c.id)
  try {
    if (step === 'publish') await publishWithConfirmation(user, c.id)
    else if (step === 'remove-section' || step === 'remove-question') await removeFromConsultation(user, c, step === 'remove-section' ? 'section' : 'question', target)
    else if (step === 'unpublish') await unpublishConsultation(user, c.id)
    else {
      await deleteDraftConsultation(user, c.id)
      return redirectWithNotice('/staff/consultations', `Draft deleted: ${c.title}`)
    }
  } catch (error) {
    return ruleFailed(error, { field: 'confirm', status: 409 })
  }
  return redirectWithNotice(base, DONE[step])
}

const DONE: Record<'publish' | 'remove-section' | 'remove-question' | 'unpublish', string> = {
  publish: 'Consultation published. It is now on the public site.',
  'remove-section': 'Section removed.',
  'remove-question': 'Question removed.',
  unpublish: 'Taken back to draft. It is no longer on the public site.',
}

export default function Confirm() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const step = STEPS[d.step]
  const back = staffConsultationPath(d.id)
  return (
    <PageContainer before={<BackLink to={back} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} anchors={{ confirm: 'confirm' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">{step.heading}</h1>
          {d.step === 'publish' ? (
            <>
              <SummaryList
                rows={[
                  { key: 'Opens', value: formatDateTime(d.opensAt) },
                  { key: 'Closes', value: formatDateTime(d.closesAt) },
                  { key: 'Questions', value: `${d.questions} ${d.questions === 1 ? 'question' : 'questions'} in ${d.sections} ${d.sections === 1 ? 'section' : 'sections'}` },
                ]}
              />
              <p className="govuk-body">It will be shown to the public and people who follow consultations will be emailed.</p>
              <p className="govuk-body">Until it opens and someone responds, you can still change its questions and dates, or take it back to draft.</p>
            </>
          ) : null}
          {d.removal ? (
            <>
              <p className="govuk-body govuk-!-font-weight-bold">{d.removal.title}</p>
              {d.removal.questions.length ? (
                <>
                  <p className="govuk-body">Its {d.removal.questions.length === 1 ? 'question' : `${d.removal.questions.length} questions`} will be removed too:</p>
                  <ul className="govuk-list govuk-list--bullet">
                    {d.removal.questions.map((q) => (
                      <li key={q}>{q}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <WarningText>This cannot be undone.</WarningText>
            </>
          ) : null}
          {d.step === 'delete' ? <WarningText>The draft and its questions will be deleted. This cannot be undone.</WarningText> : null}
          {d.step === 'unpublish' ? <p className="govuk-body">It will no longer be shown to the public. You can change its questions and dates, then publish it again.</p> : null}
          <Form method="post" noValidate id="confirm" tabIndex={-1}>
            <ButtonWithCancel cancelTo={back} variant={step.warning ? 'warning' : 'primary'}>
              {step.button}
            </ButtonWithCancel>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
