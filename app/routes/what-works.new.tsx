import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireVerifiedUser } from '~/lib/auth.server'
import { invalid } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { CASE_STUDY_NOTICES } from '~/modules/case-studies/notices'
import { createCaseStudy, postingOrganisations } from '~/modules/case-studies/case-studies.server'
import { CASE_STUDY_ERROR_ANCHORS, CaseStudyFields, postedStoryDocument } from '~/modules/case-studies/case-study-fields'
import { readCaseStudyForm } from '~/modules/case-studies/form.server'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Post a case study', 'What Works') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request)
  return { organisations: await postingOrganisations(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request)
  const form = readCaseStudyForm(await request.formData())
  const result = await createCaseStudy(user, form.input)
  if (!result.ok) return invalid({ errors: form.withStoryError(result.errors), values: form.values })
  return redirectWithNotice(caseStudyPath(result.value.slug), CASE_STUDY_NOTICES.draft)
}

export default function NewCaseStudy() {
  const { organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/what-works">Back to What Works</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={CASE_STUDY_ERROR_ANCHORS} />
          <span className="govuk-caption-l">What Works</span>
          <h1 className="govuk-heading-l">Post a case study</h1>
          {organisations.length ? (
            <>
              <p className="govuk-body">
                Share what helped people into work and what happened, in a form others can compare. It is saved as a draft: you can preview it, and publish when it is ready.
              </p>
              <Form method="post" noValidate>
                {actionData?.errors?.form ? <p className="govuk-error-message">{actionData.errors.form}</p> : null}
                <CaseStudyFields organisations={organisations} values={actionData?.values} errors={actionData?.errors} storyDocument={postedStoryDocument(actionData?.values)} />
                <Button>Save and preview</Button>
              </Form>
            </>
          ) : (
            <>
              <p className="govuk-body">Case studies are posted on behalf of an organisation, and you are not a member of one yet.</p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/organisations/new">
                  Add your organisation
                </Link>{' '}
                or ask your organisation’s admin to invite you.
              </p>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
