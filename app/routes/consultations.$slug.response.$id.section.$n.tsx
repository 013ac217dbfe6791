import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Radios } from '~/components/choices'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { NotificationBanner } from '~/components/notification-banner'
import { echoable, formValues, type FormValues } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { consultationStructure, isOpen } from '~/modules/consultations/consultations.server'
import { askedSections } from '~/modules/questionnaires/structure.server'
import { RuleError } from '~/lib/result'
import { activityView, emailResumeLink, hasUnsubmittedChanges, saveSection, workingAnswers } from '~/modules/consultations/responses.server'
import { actorOf, requireResponseAccess, responseCookie } from '~/modules/consultations/web.server'
import { baseOf } from '~/modules/questionnaires/answers.server'
import { describeActivity } from '~/modules/consultations/draft-activity'
import { QuestionnairePage } from '~/modules/questionnaires/questionnaire-page'
import { answerPlace, baseFieldName, resolveFieldName } from '~/modules/questionnaires/questions'
import { consultationPath, consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.section.title, data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, access } = await requireResponseAccess(request, params.slug, params.id)
  const base = consultationResponsePath(consultation.slug, access.response.id)
  if (!isOpen(consultation) || access.response.status === 'withdrawn') throw redirect(base)
  const structure = await consultationStructure(consultation)
  const n = Number(params.n)
  invariantResponse(Number.isInteger(n) && structure.sections[n - 1], 'Section not found')
  const answers = await workingAnswers(access.response)
  // Routing: a page whose questions this response's answers all skip is passed over, both ways.
  const asked = askedSections(structure, answers).sections
  const section = asked[n - 1]
  if (!section.questions.length && structure.sections[n - 1].questions.length) throw redirect(n < structure.sections.length ? `${base}/section/${n + 1}` : `${base}/check`)
  const previous = asked.slice(0, n - 1).findLastIndex((s) => s.questions.length > 0)
  const shared = Boolean(access.response.organisationId)
  const activity = shared ? await activityView(access.response, structure, 1) : []
  return {
    title: consultation.title,
    slug: consultation.slug,
    base,
    n,
    sectionCount: structure.sections.length,
    section,
    backTo: previous >= 0 ? `${base}/section/${previous + 1}` : consultationPath(consultation.slug),
    answers: Object.fromEntries(section.questions.filter((q) => answers[q.id]).map((q) => [q.id, answers[q.id]])),
    // The version of each answer this page shows, so a save can tell what this person changed.
    bases: Object.fromEntries(section.questions.map((q) => [baseFieldName(q.id), baseOf(answers[q.id])])),
    organisationName: access.response.organisationName,
    shared,
    lastChange: activity[0] ?? null,
    submitted: access.response.status === 'submitted',
    unsubmittedChanges: hasUnsubmittedChanges(access.response),
    canSubmit: access.role !== 'org_member',
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { consultation, access, user } = await requireResponseAccess(request, params.slug, params.id)
  const formData = await request.formData()
  const intent = formData.get('intent') === 'later' ? 'later' : 'continue'
  const values = formValues(formData)
  delete values.intent
  // A page with a file upload question posts as multipart; its chosen documents are the entries that are files.
  const uploads = Object.fromEntries([...formData].filter((e): e is [string, File] => typeof e[1] !== 'string'))
  const base = consultationResponsePath(consultation.slug, access.response.id)
  const n = Number(params.n)
  try {
    const result = await saveSection(consultation, access, n, values, actorOf(user, access), { enforceRequired: intent === 'continue', uploads })
    if (!result.ok && result.conflicts.length) {
      // The rest of the page is saved; the page shows the saved answers, with this person's text in each field in conflict.
      const conflicts = result.conflicts.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() }))
      return data({ ok: false as const, closed: false, errors: result.errors, values: null, conflicts }, { status: 409 })
    }
    if (!result.ok) return data({ ok: false as const, closed: false, errors: result.errors, values: echoable(values), conflicts: [] }, { status: 400 })
  } catch (error) {
    if (error instanceof RuleError && (error.code === 'closed' || error.code === 'withdrawn')) {
      return data({ ok: false as const, closed: true, errors: { form: error.message }, values: echoable(values), conflicts: [] }, { status: 409 })
    }
    throw error
  }
  if (intent === 'later') {
    if (user) return redirect(`${base}/saved`)
    let token: string
    try {
      token = await emailResumeLink(consultation, access, { ip: context?.clientIp })
    } catch (error) {
      // The answers are saved; only the email waits, and the page says so with what was typed.
      if (!(error instanceof RuleError) || error.code !== 'mail_limited') throw error
      return data({ ok: false as const, closed: false, errors: { form: `Your answers are saved. ${error.message}` }, values: echoable(values), conflicts: [] }, { status: 429 })
    }
    return redirect(`${base}/saved`, { headers: { 'Set-Cookie': responseCookie(access.response.id, token, consultation.closesAt) } })
  }
  const structure = await consultationStructure(consultation)
  return redirect(n < structure.sections.length ? `${base}/section/${n + 1}` : `${base}/check`)
}

/** A refused page's own base fields: its values were shown against them, so a later save compares with the same. */
function postedBases(values: FormValues | null | undefined) {
  return Object.fromEntries(Object.entries(values ?? {}).filter((e): e is [string, string] => e[0].startsWith('base-') && typeof e[1] === 'string'))
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
  const conflicts = new Map((actionData?.conflicts ?? []).map((c) => [c.questionId, c]))
  const answers = { ...d.answers, ...Object.fromEntries([...conflicts].map(([id, c]) => [id, c.mine])) }
  return (
    <QuestionnairePage
      backTo={d.backTo}
      caption={`${d.title} – section ${d.n} of ${d.sectionCount}`}
      section={d.section}
      answers={answers}
      values={actionData?.values ?? undefined}
      errors={actionData?.errors}
      hidden={{ ...d.bases, ...postedBases(actionData?.values) }}
      banner={
        d.submitted ? (
          <NotificationBanner title="Important">
            <p className="govuk-notification-banner__heading">{d.canSubmit ? 'You are changing a submitted response' : `You are proposing changes to ${d.organisationName}’s submitted response`}</p>
            <p className="govuk-body">
              {d.canSubmit
                ? 'We keep the response you submitted until you select “Submit changed response” on the check your answers page.'
                : 'The submitted response stays as it is until an administrator of your organisation submits your changes. Ask them to sign off from the check your answers page.'}
            </p>
          </NotificationBanner>
        ) : null
      }
      lead={
        <>
          {d.shared && d.lastChange ? (
            <InsetText>
              This is {d.organisationName}’s shared response. Latest: {describeActivity(d.lastChange)}.
            </InsetText>
          ) : null}
          <p className="govuk-body">You can answer any of the questions; leave blank any you do not want to answer.</p>
        </>
      }
      confidentiality
      reloadDocument
      noteFor={(q) => {
        const conflict = conflicts.get(q.id)
        if (conflict) {
          const { noun } = answerPlace(q.type)
          return (
            <div className="app-conflict">
              <h2 className="govuk-heading-s">
                Their {noun} for {q.label}, saved by {conflict.changedByName ?? 'someone else'} at {formatDateTime(conflict.changedAt)}
              </h2>
              <div className="govuk-inset-text app-consultation-text">{conflict.theirs || 'No answer: they removed it.'}</div>
              <Radios
                name={resolveFieldName(q.id)}
                legend={`Which answer to ${q.label} do you want to keep?`}
                legendSize="s"
                small
                options={[
                  { value: 'mine', label: `Keep my ${noun}, as it is above` },
                  { value: 'theirs', label: `Keep their ${noun}` },
                ]}
                value="mine"
              />
            </div>
          )
        }
        return d.shared && d.answers[q.id]?.changedByName ? (
          <p className="govuk-body-s app-secondary-text">
            {q.label} last changed by {d.answers[q.id].changedByName} at {formatDateTime(d.answers[q.id].updatedAt)}
          </p>
        ) : null
      }}
    />
  )
}
