import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { Select } from '~/components/select'
import { SummaryCard } from '~/components/summary-list'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { staffConsultationPath } from '~/lib/paths'
import { plural } from '~/lib/plural'
import { shorten } from '~/lib/shorten'
import { formatDateTime } from '~/lib/time'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { acceptSuggestion, listSuggestions, mergeSuggestions, rejectSuggestion, renameSuggestion, requestSuggestions } from '~/modules/consultations/theme-suggestions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Suggested themes for ${data?.question.label ?? 'a question'}`, data?.title, 'Staff') }]

async function load(request: Request, params: LoaderFunctionArgs['params']) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const question = (await consultationStructure(consultation)).questions.find((q) => q.id === params.questionId)
  invariantResponse(question, 'Question not found')
  return { user, consultation, question }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, question } = await load(request, params)
  const found = await listSuggestions(consultation, question.id)
  invariantResponse(found, 'Themes are suggested for free-text questions only')
  return {
    id: consultation.id,
    title: consultation.title,
    question: { id: question.id, label: question.label, text: question.text },
    run: found.run,
    answered: found.answered,
    suggestions: found.suggestions.map((s) => ({
      id: s.id,
      label: s.label,
      phrases: s.phrases,
      size: s.size,
      status: s.status,
      themeId: s.themeId,
      mergedInto: s.mergedInto,
      decidedAt: s.decidedAt,
      examples: s.examples,
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, question } = await load(request, params)
  const values = formValues(await request.formData())
  const intent = valueOf(values, 'intent') ?? ''
  const here = staffConsultationPath(consultation.id, `questions/${question.id}/suggestions`)
  const id = valueOf(values, 'suggestionId') ?? ''
  const seen = { status: valueOf(values, 'seenStatus') ?? '', label: valueOf(values, 'seenLabel') ?? '' }
  try {
    if (intent === 'suggest') {
      await requestSuggestions(user, consultation, question.id)
      return redirectWithNotice(here, 'Suggesting themes from the answers. This page shows them when they are ready.')
    }
    if (intent === 'accept') {
      const done = await acceptSuggestion(user, consultation, id, seen)
      return redirectWithNotice(
        here,
        `${done.existing ? `Added to the existing theme “${done.theme}”` : `Theme “${done.theme}” added to the coding frame`}: ${plural(done.tagged, 'answer')} tagged with it`,
      )
    }
    if (intent === 'reject') {
      const s = await rejectSuggestion(user, consultation, id, seen)
      return redirectWithNotice(here, `Suggestion “${s.label}” rejected`)
    }
    if (intent === 'rename') {
      const label = await renameSuggestion(user, consultation, id, valueOf(values, 'label') ?? '', seen)
      return redirectWithNotice(here, `Suggestion renamed “${label}”`)
    }
    if (intent === 'merge') {
      const done = await mergeSuggestions(user, consultation, id, valueOf(values, 'mergeWith') ?? '', seen)
      return redirectWithNotice(here, `“${done.merged}” merged into “${done.label}”, which now covers ${plural(done.size, 'answer')}`)
    }
  } catch (error) {
    return ruleFailed(error, { values })
  }
  throw new Response('Unknown action', { status: 400 })
}

/** What the page showed of a suggestion, so a decision made from an older page can be refused. */
function Seen({ suggestion }: { suggestion: { id: string; status: string; label: string } }) {
  return (
    <>
      <input type="hidden" name="suggestionId" value={suggestion.id} />
      <input type="hidden" name="seenStatus" value={suggestion.status} />
      <input type="hidden" name="seenLabel" value={suggestion.label} />
    </>
  )
}

const percent = (part: number, whole: number) => {
  const share = Math.round((part / whole) * 100)
  return share === 0 && part > 0 ? 'less than 1%' : `${share}%`
}

export default function Suggestions() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const base = staffConsultationPath(d.id)
  const failedOn = valueOf(a?.values, 'suggestionId') ?? ''
  const open = d.suggestions.filter((s) => s.status === 'suggested')
  const decided = d.suggestions.filter((s) => s.status !== 'suggested')
  const running = d.run && !d.run.finishedAt
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'analysis', text: 'Responses and analysis' }} />}>
      <ErrorSummary errors={a?.errors} anchors={{ label: `label-${failedOn}`, mergeWith: `merge-${failedOn}`, form: `suggestion-${failedOn}` }} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Suggested themes for {d.question.label}</h1>
          <p className="govuk-body-l">{d.question.text}</p>
          <p className="govuk-body">
            The hub reads the answers to this question and suggests themes from the phrases many of them share. No answer leaves the hub to do this. Nothing is tagged until you accept a suggestion: it
            then becomes a theme in the coding frame and the answers it covers are tagged with it. You can rename a suggestion before accepting it, merge two that mean the same, or reject it.
          </p>
          <p className="govuk-body" role="status">
            {running
              ? `Suggesting since ${formatDateTime(d.run!.requestedAt)}. Refresh this page to see the suggestions.`
              : d.run?.finishedAt
                ? `Last suggested ${formatDateTime(d.run.finishedAt)}, from ${plural(d.run.answersRead ?? 0, 'answer')}.`
                : `Not suggested yet. This question has ${plural(d.answered, 'answer')}.`}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="suggest" />
            <Button variant="secondary">{d.run ? 'Suggest themes again' : 'Suggest themes'}</Button>
          </Form>
          {d.run ? <p className="govuk-body-s">Suggesting again replaces the suggestions nobody has decided on, and does not suggest again what has been decided.</p> : null}
        </div>
      </div>
      {d.run?.finishedAt && !open.length ? (
        <p className="govuk-body">
          {decided.length
            ? 'Every suggestion has been decided.'
            : 'No themes could be suggested: too few answers share the same phrases. A phrase must be in at least 3 answers that are not confidential.'}
        </p>
      ) : null}
      {open.length ? <h2 className="govuk-heading-m">{plural(open.length, 'suggestion')} to decide</h2> : null}
      {open.map((s) => (
        <div id={`suggestion-${s.id}`} key={s.id} tabIndex={-1}>
          <SummaryCard
            title={
              <>
                {s.label} <Tag colour="blue">To decide</Tag>
              </>
            }
          >
            <p className="govuk-body">
              Covers {plural(s.size, 'answer')}
              {d.run?.answersRead ? `, ${percent(s.size, d.run.answersRead)} of the ${plural(d.run.answersRead, 'answer')} to ${d.question.label} read when the themes were suggested` : ''}.
            </p>
            <p className="govuk-body">Phrases these answers share: {s.phrases.map((p) => `“${p}”`).join(', ')}.</p>
            {s.examples.length ? (
              <>
                <h3 className="govuk-heading-s">{s.examples.length === 1 ? 'Example answer' : 'Example answers'}</h3>
                {s.examples.map((e) => (
                  <InsetText key={e.submissionId}>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      <Link className="govuk-link" to={`${base}/responses/${e.responseId}`}>
                        Response {e.reference}
                      </Link>{' '}
                      {e.confidential ? <Tag colour="red">Confidential</Tag> : null}
                    </p>
                    <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">{shorten(e.text, 400)}</p>
                  </InsetText>
                ))}
                {s.size > s.examples.length && s.examples.length < 3 ? (
                  <p className="govuk-body">
                    The other answers it covers repeat {s.examples.length === 1 ? 'these words' : 'the words of these'}, as a campaign’s do:{' '}
                    <Link className="govuk-link" to={`${base}/campaigns`}>
                      check for campaigns
                    </Link>
                    .
                  </p>
                ) : null}
              </>
            ) : null}
            <Form method="post" className="govuk-button-group">
              <Seen suggestion={s} />
              <Button name="intent" value="accept">
                Accept and tag {plural(s.size, 'answer')}
                <span className="govuk-visually-hidden"> with “{s.label}”</span>
              </Button>
              <Button name="intent" value="reject" variant="secondary">
                Reject<span className="govuk-visually-hidden"> “{s.label}”</span>
              </Button>
            </Form>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-half">
                <Form method="post" noValidate>
                  <Seen suggestion={s} />
                  <TextInput
                    id={`label-${s.id}`}
                    name="label"
                    label={
                      <>
                        New name<span className="govuk-visually-hidden"> for “{s.label}”</span>
                      </>
                    }
                    labelSize="s"
                    error={failedOn === s.id ? a?.errors?.label : undefined}
                    defaultValue={failedOn === s.id ? valueOf(a?.values, 'label') : s.label}
                  />
                  <Button name="intent" value="rename" variant="secondary">
                    Rename<span className="govuk-visually-hidden"> “{s.label}”</span>
                  </Button>
                </Form>
              </div>
              {open.length > 1 ? (
                <div className="govuk-grid-column-one-half">
                  <Form method="post">
                    <Seen suggestion={s} />
                    <Select
                      id={`merge-${s.id}`}
                      name="mergeWith"
                      label={
                        <>
                          Merge into this one<span className="govuk-visually-hidden"> (“{s.label}”)</span>
                        </>
                      }
                      labelSize="s"
                      error={failedOn === s.id ? a?.errors?.mergeWith : undefined}
                      options={open.filter((o) => o.id !== s.id).map((o) => ({ value: o.id, label: o.label }))}
                    />
                    <Button name="intent" value="merge" variant="secondary">
                      Merge<span className="govuk-visually-hidden"> into “{s.label}”</span>
                    </Button>
                  </Form>
                </div>
              ) : null}
            </div>
          </SummaryCard>
        </div>
      ))}
      {decided.length ? (
        <>
          <h2 className="govuk-heading-m">Decided</h2>
          <Table
            rowKey={(s) => s.id}
            rows={decided}
            firstCellIsHeader
            columns={[
              { header: 'Suggestion', cell: (s) => s.label },
              {
                header: 'Decision',
                cell: (s) =>
                  s.status === 'accepted' ? (
                    s.themeId ? (
                      <Link className="govuk-link" to={`${base}/questions/${d.question.id}/answers?theme=${s.themeId}`}>
                        Accepted: see the answers tagged<span className="govuk-visually-hidden"> “{s.label}”</span>
                      </Link>
                    ) : (
                      'Accepted (the theme has since been removed)'
                    )
                  ) : s.status === 'merged' ? (
                    `Merged into “${s.mergedInto ?? 'another suggestion'}”`
                  ) : (
                    'Rejected'
                  ),
              },
              { header: 'Answers', cell: (s) => s.size.toLocaleString('en-GB'), numeric: true },
              { header: 'When', cell: (s) => (s.decidedAt ? formatDateTime(s.decidedAt) : '') },
            ]}
          />
        </>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`${base}/questions/${d.question.id}/answers`}>
          Read and tag the answers to {d.question.label}
        </Link>{' '}
        or{' '}
        <Link className="govuk-link" to={`${base}/themes`}>
          change the themes
        </Link>
        .
      </p>
    </PageContainer>
  )
}
