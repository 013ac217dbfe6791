import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { pageTitle } from '~/lib/meta'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { PAGE_FIELDS } from '~/modules/consultations/details-staff-form'
import { QuestionField } from '~/modules/questionnaires/question-field'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Preview', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const structure = await consultationStructure(c)
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    pages: PAGE_FIELDS.map((p) => ({ ...p, html: c.pages[p.key]?.html ?? '' })),
    sections: structure.sections,
  }
}

/** Every page of the questionnaire, rendered with the respondent's own components; nothing here saves. */
export default function Preview() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <InsetText>This is a preview. It shows each page as a respondent sees it; answers here are not saved.</InsetText>
          <span className="govuk-caption-l">Preview</span>
          <h1 className="govuk-heading-xl">{d.title}</h1>
          <p className="govuk-body-l">{d.summary}</p>
          {d.pages.map((p) =>
            p.html ? (
              <section key={p.key}>
                <h2 className="govuk-heading-m">{p.label}</h2>
                <RichTextContent html={p.html} />
              </section>
            ) : null,
          )}
          {d.sections.map((s, i) => (
            <section key={s.id} className="app-preview-page" aria-labelledby={`preview-${s.id}`}>
              <span className="govuk-caption-l">
                Section {i + 1} of {d.sections.length}
              </span>
              <h2 className="govuk-heading-l" id={`preview-${s.id}`}>
                {s.title}
              </h2>
              {s.intro ? <p className="govuk-body">{s.intro}</p> : null}
              <form onSubmit={(e) => e.preventDefault()} aria-label={`Preview of section ${i + 1}`}>
                {s.questions.map((q) => (
                  <QuestionField key={q.id} question={q} confidentiality />
                ))}
                <ButtonGroup>
                  <Button type="button" disabled>
                    Save and continue
                  </Button>
                  <Button type="button" variant="secondary" disabled>
                    Save and come back later
                  </Button>
                </ButtonGroup>
              </form>
            </section>
          ))}
        </div>
      </div>
    </PageContainer>
  )
}
