import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Table } from '~/components/table'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { staffConsultationPath } from '~/lib/paths'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { addConsultationTheme, codingFrame } from '~/modules/consultations/coding-frame.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { ThemeFields } from '~/modules/consultations/theme-fields'
import { isFreeText } from '~/modules/questionnaires/themes.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Themes', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const [themes, structure] = await Promise.all([codingFrame(consultation), consultationStructure(consultation)])
  return {
    id: consultation.id,
    title: consultation.title,
    themes,
    questions: structure.questions.filter((q) => isFreeText(q.type)).map((q) => ({ id: q.id, label: q.label, text: q.text })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const values = formValues(await request.formData())
  const input = { name: valueOf(values, 'name') ?? '', description: valueOf(values, 'description') ?? '' }
  try {
    const theme = await addConsultationTheme(user, consultation, input)
    return redirectWithNotice(staffConsultationPath(consultation.id, 'themes'), `Theme “${theme.name}” added`)
  } catch (error) {
    return ruleFailed(error, { field: 'name', values })
  }
}

export default function Themes() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'analysis', text: 'Responses and analysis' }} />}>
      <ErrorSummary errors={a?.errors} />
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Themes</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            The coding frame: themes defined once for the whole consultation and used to tag the answers to any of its free-text questions. Tag answers from each question’s answers page, one by one or
            many at once.
          </p>
          {d.questions.length ? (
            <ul className="govuk-list">
              {d.questions.map((q) => (
                <li key={q.id}>
                  <Link className="govuk-link" to={staffConsultationPath(d.id, `questions/${q.id}/answers`)}>
                    Answers to {q.label}
                  </Link>
                  : {q.text} (
                  <Link className="govuk-link" to={staffConsultationPath(d.id, `questions/${q.id}/suggestions`)}>
                    suggested themes<span className="govuk-visually-hidden"> for {q.label}</span>
                  </Link>
                  )
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">This consultation has no free-text questions.</p>
          )}
        </div>
      </div>
      <h2 className="govuk-heading-m">The themes</h2>
      {d.themes.length ? (
        <Table
          rowKey={(t) => t.id}
          rows={d.themes}
          firstCellIsHeader
          columns={[
            { header: 'Theme', cell: (t) => t.name },
            { header: 'Description', cell: (t) => t.description || 'None' },
            { header: 'Answers tagged', cell: (t) => t.count.toLocaleString('en-GB'), numeric: true },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (t) => (
                <Link className="govuk-link" to={staffConsultationPath(d.id, `themes/${t.id}`)}>
                  Change<span className="govuk-visually-hidden"> theme {t.name}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">No themes yet.</p>
      )}
      <h2 className="govuk-heading-m">Add a theme</h2>
      <Form method="post" noValidate className="govuk-!-width-two-thirds">
        <ThemeFields values={a?.values} errors={a?.errors} />
        <Button>Add theme</Button>
      </Form>
    </PageContainer>
  )
}
