import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser, requireVerifiedUser } from '~/lib/auth.server'
import { invalid, rethrow } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { CASE_STUDY_NOTICES } from '~/modules/case-studies/notices'
import { findCaseStudyForEdit, updateCaseStudy } from '~/modules/case-studies/case-studies.server'
import { CASE_STUDY_ERROR_ANCHORS, CaseStudyFields, caseStudyFormValues, postedStoryDocument } from '~/modules/case-studies/case-study-fields'
import { readCaseStudyForm } from '~/modules/case-studies/form.server'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Change ${data?.title ?? 'case study'}`, 'What Works') }]

async function load(request: Request, slug: string | undefined) {
  const user = await requireUser(request)
  const found = await findCaseStudyForEdit(user, slug ?? '').catch(rethrow)
  invariantResponse(found, 'Case study not found', { status: 404 })
  return { user, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.slug)
  const cs = found.caseStudy
  return {
    slug: cs.slug,
    title: cs.title,
    status: cs.status,
    organisationName: found.organisationName,
    storyDocument: cs.storyJson as Record<string, unknown>,
    values: caseStudyFormValues({ ...cs, outcomes: found.outcomes }),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireVerifiedUser(request)
  const { user, found } = await load(request, params.slug)
  const form = readCaseStudyForm(await request.formData())
  const result = await updateCaseStudy(user, found.caseStudy.id, form.input).catch(rethrow)
  if (!result.ok) return invalid({ errors: form.withStoryError(result.errors), values: form.values })
  return redirectWithNotice(caseStudyPath(found.caseStudy.slug), CASE_STUDY_NOTICES[found.caseStudy.status === 'draft' ? 'draft' : 'edited'])
}

export default function EditCaseStudy() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = actionData?.values ?? data.values
  return (
    <PageContainer before={<BackLink to={caseStudyPath(data.slug)}>Back to the case study</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={CASE_STUDY_ERROR_ANCHORS} />
          <span className="govuk-caption-l">{data.organisationName}</span>
          <h1 className="govuk-heading-l">Change case study</h1>
          {data.status === 'published' ? <p className="govuk-body">Readers will see that the case study was edited, when, and what changed.</p> : null}
          <Form method="post" noValidate>
            {actionData?.errors?.form ? <p className="govuk-error-message">{actionData.errors.form}</p> : null}
            <CaseStudyFields values={values} errors={actionData?.errors} storyDocument={actionData ? postedStoryDocument(actionData.values) : data.storyDocument} />
            <Button>{data.status === 'published' ? 'Save changes' : 'Save and preview'}</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
