import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { pageTitle } from '~/lib/meta'
import { ruleFailed } from '~/lib/forms'
import { answerLines, fieldName } from '~/modules/questionnaires/questions'
import { draftAnswers, submitSurveyResponse } from '~/modules/surveys/responses.server'
import { isOpen, surveyStructure } from '~/modules/surveys/surveys.server'
import { requireParticipation } from '~/modules/surveys/web.server'
import { surveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Check your answers before submitting', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, participation, base } = await requireParticipation(request, params.slug, params.id)
  if (participation.status === 'submitted') throw redirect(`${base}/receipt`)
  if (!isOpen(survey)) throw redirect(surveyPath(survey.slug))
  const structure = await surveyStructure(survey)
  const answers = await draftAnswers(participation)
  return {
    title: survey.title,
    base,
    anonymous: survey.anonymous,
    respondingFor: participation.respondentKey.startsWith('organisation:') ? 'organisation' : 'person',
    sections: structure.sections.map((s, i) => ({
      title: s.title,
      n: i + 1,
      rows: s.questions.map((q) => ({ label: q.label, text: q.text, answer: answerLines(q, answers[q.id]).join('\n'), href: `${base}/page/${i + 1}?return=check#${fieldName(q.id)}` })),
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { survey, participation, base, user } = await requireParticipation(request, params.slug, params.id)
  try {
    await submitSurveyResponse(survey, participation.id, user)
  } catch (error) {
    return ruleFailed(error, { status: (e) => (e.code === 'closed' ? 409 : 400) })
  }
  return redirect(`${base}/receipt`)
}

export default function CheckAnswers() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={`${d.base}/page/${d.sections.length}`}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ form: 'submit' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Check your answers before submitting</h1>
          {d.sections.map((s) => (
            <section key={s.n}>
              <h2 className="govuk-heading-m">{s.title}</h2>
              <SummaryList
                rows={s.rows.map((r) => ({
                  key: `${r.label}: ${r.text}`,
                  value: <p className="govuk-body app-preserve-lines">{r.answer || 'Not answered'}</p>,
                  action: { href: r.href, visuallyHiddenText: `your answer to ${r.label}` },
                }))}
              />
            </section>
          ))}
          <h2 className="govuk-heading-m">Now send your response</h2>
          {d.anonymous ? <InsetText>When you submit, your answers are stored anonymously and the draft linked to you is deleted.</InsetText> : null}
          <p className="govuk-body">{d.respondingFor === 'organisation' ? 'Your organisation can respond once.' : 'You can respond once.'} You cannot change your answers after submitting.</p>
          <Form method="post" noValidate>
            <Button id="submit">Submit response</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
