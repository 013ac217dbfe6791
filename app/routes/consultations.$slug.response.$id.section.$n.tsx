import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { NotificationBanner } from '~/components/notification-banner'
import { db } from '~/lib/db.server'
import { formValues } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { isOpen } from '~/modules/consultations/consultations.server'
import { emailResumeLink, responseAnswers, ResponseRuleError, saveSection } from '~/modules/consultations/responses.server'
import { actorOf, requireResponseAccess, responseCookie } from '~/modules/consultations/web.server'
import { QuestionnairePage } from '~/modules/questionnaires/questionnaire-page'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { questionnaireSubmissions } from '~db/schema'
import { eq } from 'drizzle-orm'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.section.title, data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const base = `/consultations/${consultation.slug}/response/${access.response.id}`
  if (!isOpen(consultation) || access.response.status === 'withdrawn') throw redirect(base)
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const n = Number(params.n)
  const section = structure.sections[n - 1]
  invariantResponse(Number.isInteger(n) && section, 'Section not found')
  const answers = await responseAnswers(access.response)
  const [submission] = await db.select().from(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, access.response.submissionId))
  return {
    title: consultation.title,
    slug: consultation.slug,
    base,
    n,
    sectionCount: structure.sections.length,
    section,
    answers: Object.fromEntries(section.questions.filter((q) => answers[q.id]).map((q) => [q.id, answers[q.id]])),
    organisationName: access.response.organisationName,
    shared: Boolean(access.response.organisationId),
    lastChangedBy: submission?.lastChangedByName ?? null,
    lastChangedAt: submission?.updatedAt.toISOString() ?? null,
    joined: new URL(request.url).searchParams.has('joined'),
    submitted: access.response.status === 'submitted',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const formData = await request.formData()
  const intent = formData.get('intent') === 'later' ? 'later' : 'continue'
  const values = formValues(formData)
  delete values.intent
  const base = `/consultations/${consultation.slug}/response/${access.response.id}`
  const n = Number(params.n)
  try {
    const result = await saveSection(consultation, access, n, values, actorOf(user, access), { enforceRequired: intent === 'continue' })
    if (!result.ok) return data({ ok: false as const, closed: false, errors: result.errors, values }, { status: 400 })
  } catch (error) {
    if (error instanceof ResponseRuleError && (error.code === 'closed' || error.code === 'withdrawn')) {
      return data({ ok: false as const, closed: true, errors: { form: error.message }, values }, { status: 409 })
    }
    throw error
  }
  if (intent === 'later') {
    if (user) return redirect(`${base}/saved`)
    const token = await emailResumeLink(consultation, access)
    return redirect(`${base}/saved`, { headers: { 'Set-Cookie': responseCookie(access.response.id, token, consultation.closesAt) } })
  }
  const structure = (await getStructure(db, consultation.questionnaireId))!
  return redirect(n < structure.sections.length ? `${base}/section/${n + 1}` : `${base}/check`)
}

export default function SectionPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.closed) {
    return (
      <PageContainer>
        <h1 className="govuk-heading-l">You can no longer change this response</h1>
        <p className="govuk-body">{actionData.errors.form}.</p>
        <p className="govuk-body">Your draft has been kept as it was when you last saved it, but it cannot be submitted.</p>
      </PageContainer>
    )
  }
  return (
    <QuestionnairePage
      backTo={d.n > 1 ? `${d.base}/section/${d.n - 1}` : `/consultations/${d.slug}`}
      caption={`${d.title} – section ${d.n} of ${d.sectionCount}`}
      section={d.section}
      answers={d.answers}
      values={actionData?.values}
      errors={actionData?.errors}
      banner={
        d.joined ? (
          <NotificationBanner title="Important">
            <p className="govuk-notification-banner__heading">{d.organisationName} already has a response in progress. You are now working on it with your colleagues.</p>
          </NotificationBanner>
        ) : null
      }
      lead={
        <>
          {d.shared && d.lastChangedBy && d.lastChangedAt ? (
            <InsetText>
              This is {d.organisationName}’s shared response. Last changed by {d.lastChangedBy} at {formatDateTime(d.lastChangedAt)}.
            </InsetText>
          ) : null}
          <p className="govuk-body">You can answer any of the questions; leave blank any you do not want to answer.</p>
        </>
      }
      confidentiality
      reloadDocument
      noteFor={(q) =>
        d.shared && d.answers[q.id]?.changedByName ? (
          <p className="govuk-body-s app-secondary-text">
            {q.label} last changed by {d.answers[q.id].changedByName}
          </p>
        ) : null
      }
    />
  )
}
