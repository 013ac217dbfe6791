import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { invariantResponse, pageNumber } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { addQuestionTheme, questionAnswers, removeQuestionTheme, tagAnswer, type AnswerFilters } from '~/modules/consultations/analysis.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { plural } from '~/lib/plural'
import { RESPONDENT_TYPE_FILTERS } from '~/modules/consultations/options'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Answers to ${data?.question.label ?? 'question'}`, data?.title) }]

async function load(request: Request, id: string | undefined, questionId: string | undefined) {
  const { user, consultation } = await requireStaffConsultation(request, id)
  const structure = await consultationStructure(consultation)
  const question = structure.questions.find((q) => q.id === questionId)
  invariantResponse(question, 'Question not found')
  return { user, consultation, question }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, question } = await load(request, params.id, params.questionId)
  const url = new URL(request.url)
  const type = url.searchParams.get('type')
  const confidential = url.searchParams.get('confidential')
  const filters: AnswerFilters = {
    q: (url.searchParams.get('q') ?? '').slice(0, 200),
    type: type === 'individual' || type === 'organisation' ? type : undefined,
    confidential: confidential === 'yes' || confidential === 'no' ? confidential : undefined,
    theme: url.searchParams.get('theme') ?? undefined,
    page: pageNumber(url.searchParams.get('page')),
  }
  const result = await questionAnswers(consultation, question, filters)
  return {
    id: consultation.id,
    title: consultation.title,
    question: { id: question.id, label: question.label, text: question.text },
    filters: { q: filters.q ?? '', type: filters.type ?? '', confidential: filters.confidential ?? '', theme: filters.theme ?? '' },
    ...result,
    rows: result.rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, question } = await load(request, params.id, params.questionId)
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'add-theme') {
    const name = String(form.get('themeName') ?? '').trim()
    if (!name) return data({ errors: { themeName: 'Enter a name for the theme' } }, { status: 400 })
    if (name.length > 100) return data({ errors: { themeName: 'The theme name must be 100 characters or fewer' } }, { status: 400 })
    await addQuestionTheme(user, consultation, question, name)
  } else if (intent === 'remove-theme') {
    await removeQuestionTheme(user, consultation, question, String(form.get('themeId') ?? ''))
  } else if (intent === 'tag') {
    const tagged = await tagAnswer(consultation, question, String(form.get('submissionId') ?? ''), form.getAll('themes').map(String))
    invariantResponse(tagged, 'Response not found')
  }
  const back = new URL(request.url)
  return redirect(`${back.pathname}${back.search}`)
}

export default function QuestionAnswers() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const { search } = useLocation()
  const base = staffConsultationPath(d.id)
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'analysis', text: 'Responses and analysis' }} />}>
      <ErrorSummary errors={a?.errors} />
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Answers to {d.question.label}</h1>
      <p className="govuk-body-l">{d.question.text}</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Themes</h2>
          {d.themes.length ? (
            <Table
              rowKey={(t) => t.id}
              rows={d.themes}
              columns={[
                { header: 'Theme', cell: (t) => t.name },
                { header: 'Answers', cell: (t) => t.count, numeric: true },
                {
                  header: <span className="govuk-visually-hidden">Actions</span>,
                  cell: (t) => (
                    <Form method="post">
                      <input type="hidden" name="themeId" value={t.id} />
                      <button className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="intent" value="remove-theme">
                        Remove<span className="govuk-visually-hidden"> theme {t.name}</span>
                      </button>
                    </Form>
                  ),
                },
              ]}
            />
          ) : (
            <p className="govuk-body">No themes yet.</p>
          )}
          <Form method="post" noValidate>
            <TextInput name="themeName" label="Add a theme" labelSize="s" error={a?.errors?.themeName} />
            <Button name="intent" value="add-theme" variant="secondary">
              Add theme
            </Button>
          </Form>
          <h2 className="govuk-heading-m">Filter answers</h2>
          <Form method="get">
            <TextInput name="q" label="Search within answers" labelSize="s" type="search" defaultValue={d.filters.q} />
            <Select name="type" label="Respondent type" defaultValue={d.filters.type} options={[{ value: '', label: 'All' }, ...RESPONDENT_TYPE_FILTERS]} />
            <Select
              name="confidential"
              label="Confidentiality"
              defaultValue={d.filters.confidential}
              options={[
                { value: '', label: 'All' },
                { value: 'yes', label: 'Confidential only' },
                { value: 'no', label: 'Not confidential' },
              ]}
            />
            <Select name="theme" label="Theme" defaultValue={d.filters.theme} options={[{ value: '', label: 'Any' }, ...d.themes.map((t) => ({ value: t.id, label: t.name }))]} />
            <Button variant="secondary">Apply filters</Button>
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">
            {plural(d.total, 'answer')}
          </p>
          {d.rows.map((r) => (
            <div className="govuk-summary-card" key={r.submissionId}>
              <div className="govuk-summary-card__title-wrapper">
                <h2 className="govuk-summary-card__title">
                  {r.respondentType === 'organisation' ? r.organisationName : r.name}{' '}
                  <span className="govuk-body-s">
                    (
                    <Link className="govuk-link" to={`${base}/responses/${r.responseId}`}>
                      <span className="govuk-visually-hidden">Whole response </span>
                      {r.reference}
                    </Link>
                    )
                  </span>
                </h2>
              </div>
              <div className="govuk-summary-card__content">
                <p className="govuk-body-s">
                  {r.respondentType === 'organisation' ? `On behalf of an organisation, by ${r.name}` : 'Individual'}
                  {r.submittedAt ? `, submitted at ${formatDateTime(r.submittedAt)}` : ''}
                  {r.amendedAt ? `, changed at ${formatDateTime(r.amendedAt)}` : ''}
                </p>
                {r.responseConfidential || r.answerConfidential ? (
                  <p className="govuk-body">
                    <Tag colour="red">Confidential</Tag> {r.responseConfidential ? `Whole response: ${r.responseConfidentialReason ?? ''}` : `This answer: ${r.answerConfidentialReason ?? ''}`}
                  </p>
                ) : null}
                <p className="govuk-body app-consultation-text">{r.answer}</p>
                {d.themes.length ? (
                  <Form method="post" action={`${base}/questions/${d.question.id}/answers${search}`}>
                    <input type="hidden" name="submissionId" value={r.submissionId} />
                    <fieldset className="govuk-fieldset">
                      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Themes in this answer</legend>
                      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        {d.themes.map((t) => (
                          <div className="govuk-checkboxes__item" key={t.id}>
                            <input className="govuk-checkboxes__input" id={`themes-${r.submissionId}-${t.id}`} name="themes" type="checkbox" value={t.id} defaultChecked={r.themeIds.includes(t.id)} />
                            <label className="govuk-label govuk-checkboxes__label" htmlFor={`themes-${r.submissionId}-${t.id}`}>
                              {t.name}
                            </label>
                          </div>
                        ))}
                      </div>
                    </fieldset>
                    <button className="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0" name="intent" value="tag">
                      Save themes<span className="govuk-visually-hidden"> for {r.reference}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
            </div>
          ))}
          <Pagination page={d.page} pageCount={d.pageCount} search={search} />
        </div>
      </div>
    </PageContainer>
  )
}
