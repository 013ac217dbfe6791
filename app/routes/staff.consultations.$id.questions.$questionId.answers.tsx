import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
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
import { questionAnswers, type AnswerFilters } from '~/modules/consultations/analysis.server'
import { addConsultationTheme, bulkTagAnswers, tagAnswer, type AnswerSelection } from '~/modules/consultations/coding-frame.server'
import { isFreeText } from '~/modules/questionnaires/themes.server'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { redirectWithNotice } from '~/lib/notice.server'
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

function filtersOf(params: URLSearchParams): AnswerFilters {
  const type = params.get('type')
  const confidential = params.get('confidential')
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    type: type === 'individual' || type === 'organisation' ? type : undefined,
    confidential: confidential === 'yes' || confidential === 'no' ? confidential : undefined,
    theme: params.get('theme') || undefined,
    page: pageNumber(params.get('page')),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, question } = await load(request, params.id, params.questionId)
  const filters = filtersOf(new URL(request.url).searchParams)
  const result = await questionAnswers(consultation, question, filters)
  return {
    id: consultation.id,
    title: consultation.title,
    question: { id: question.id, label: question.label, text: question.text, freeText: isFreeText(question.type) },
    filters: { q: filters.q ?? '', type: filters.type ?? '', confidential: filters.confidential ?? '', theme: filters.theme ?? '' },
    ...result,
    rows: result.rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, question } = await load(request, params.id, params.questionId)
  const form = await request.formData()
  const values = formValues(form)
  const intent = valueOf(values, 'intent')
  const back = new URL(request.url)
  const here = `${back.pathname}${back.search}`
  try {
    if (intent === 'add-theme') {
      const theme = await addConsultationTheme(user, consultation, { name: valueOf(values, 'name') ?? '', description: '' })
      return redirectWithNotice(here, `Theme “${theme.name}” added`)
    }
    if (intent === 'tag') {
      const tagged = await tagAnswer(consultation, question, valueOf(values, 'submissionId') ?? '', form.getAll('themes').map(String), form.getAll('shown').map(String))
      invariantResponse(tagged, 'Response not found')
      return redirect(here)
    }
    if (intent === 'bulk-tag' || intent === 'bulk-untag') {
      // The filters the page showed travel with the form, so “all matching” means what the person saw.
      const selection: AnswerSelection = valueOf(values, 'scope') === 'all' ? { filters: filtersOf(back.searchParams) } : { submissionIds: form.getAll('answer').map(String) }
      const done = await bulkTagAnswers(user, consultation, question, { themeId: valueOf(values, 'themeId') ?? '', action: intent === 'bulk-tag' ? 'tag' : 'untag', selection })
      return redirectWithNotice(
        here,
        intent === 'bulk-tag' ? `Theme “${done.theme}” added to ${plural(done.changed, 'answer')} that did not have it` : `Theme “${done.theme}” taken off ${plural(done.changed, 'answer')}`,
      )
    }
  } catch (error) {
    return ruleFailed(error, { field: intent === 'add-theme' ? 'name' : 'themeId', values })
  }
  return redirect(here)
}

export default function QuestionAnswers() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const { search } = useLocation()
  const base = staffConsultationPath(d.id)
  const here = `${base}/questions/${d.question.id}/answers${search}`
  const tagging = d.question.freeText && d.themes.length > 0
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'analysis', text: 'Responses and analysis' }} />}>
      <ErrorSummary errors={a?.errors} />
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Answers to {d.question.label}</h1>
      <p className="govuk-body-l">{d.question.text}</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          {d.question.freeText ? (
            <>
              <h2 className="govuk-heading-m">Themes</h2>
              {d.themes.length ? (
                <Table
                  rowKey={(t) => t.id}
                  rows={d.themes}
                  columns={[
                    { header: 'Theme', cell: (t) => t.name },
                    { header: 'Answers', cell: (t) => t.count.toLocaleString('en-GB'), numeric: true },
                  ]}
                />
              ) : (
                <p className="govuk-body">No themes yet.</p>
              )}
              <p className="govuk-body">
                <Link className="govuk-link" to={`${base}/themes`}>
                  Change the themes
                </Link>
                . Themes are shared by every free-text question of this consultation.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`${base}/questions/${d.question.id}/suggestions`}>
                  Suggested themes for {d.question.label}
                </Link>
                , from the phrases its answers share.
              </p>
              <Form method="post" noValidate>
                <TextInput name="name" label="Add a theme" labelSize="s" error={a?.errors?.name} defaultValue={valueOf(a?.values, 'name')} />
                <Button name="intent" value="add-theme" variant="secondary">
                  Add theme
                </Button>
              </Form>
            </>
          ) : null}
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
            {d.question.freeText ? (
              <Select
                name="theme"
                label="Theme"
                defaultValue={d.filters.theme}
                options={[{ value: '', label: 'Any' }, { value: 'none', label: 'No theme yet' }, ...d.themes.map((t) => ({ value: t.id, label: t.name }))]}
              />
            ) : null}
            <Button variant="secondary">Apply filters</Button>
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">
            {plural(d.total, 'answer')}
          </p>
          {tagging && d.rows.length ? (
            <Form method="post" action={here} id="bulk" className="app-bulk-tag">
              <h2 className="govuk-heading-s">Tag many answers at once</h2>
              <p className="govuk-body-s">Tick the answers below, or choose all that match the filters, then choose a theme.</p>
              <Select
                name="themeId"
                label="Theme to add or take off"
                labelSize="s"
                error={a?.errors?.themeId}
                options={[{ value: '', label: 'Choose a theme' }, ...d.themes.map((t) => ({ value: t.id, label: t.name }))]}
              />
              <div className="govuk-form-group">
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id="scope" name="scope" type="checkbox" value="all" />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor="scope">
                      Select all {plural(d.total, 'answer')} matching the filters, on every page
                    </label>
                  </div>
                </div>
              </div>
              {a?.errors?.scope ? <p className="govuk-error-message">{a.errors.scope}</p> : null}
              <div className="govuk-button-group">
                <Button name="intent" value="bulk-tag" variant="secondary">
                  Add theme to selected answers
                </Button>
                <Button name="intent" value="bulk-untag" variant="secondary">
                  Take theme off selected answers
                </Button>
              </div>
            </Form>
          ) : null}
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
                {tagging ? (
                  <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-2" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={`answer-${r.submissionId}`} name="answer" type="checkbox" value={r.submissionId} form="bulk" />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`answer-${r.submissionId}`}>
                        Select<span className="govuk-visually-hidden"> the answer in {r.reference}</span> for tagging
                      </label>
                    </div>
                  </div>
                ) : null}
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
                {tagging ? (
                  <Form method="post" action={here}>
                    <input type="hidden" name="submissionId" value={r.submissionId} />
                    {r.themeIds.map((t) => (
                      <input type="hidden" name="shown" value={t} key={t} />
                    ))}
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
