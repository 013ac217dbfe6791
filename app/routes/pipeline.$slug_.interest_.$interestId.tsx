import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser } from '~/lib/auth.server'
import { formValues, invalid, parseForm, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { InterestFields, interestInputOf, interestSchema } from '~/modules/pipeline/interest-fields'
import { interestsOfUser, updateInterest, withdrawInterest } from '~/modules/pipeline/interest.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Change your interest', data?.notice.title ?? 'Pipeline') }]

async function load(request: Request, params: { slug?: string; interestId?: string }) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const mine = (await interestsOfUser(user.id, notice.id)).find((m) => m.interest.id === params.interestId)
  return { user, notice, mine }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { notice, mine } = await load(request, params)
  // Withdrawn (perhaps by a colleague while this page was open): the page says so rather than answering not found.
  if (!mine) return { notice: { slug: notice.slug, title: notice.title }, organisation: null, interest: null }
  const { interest, organisation } = mine
  return {
    notice: { slug: notice.slug, title: notice.title },
    organisation: organisation.name,
    interest: {
      id: interest.id,
      version: interest.version,
      role: interest.role,
      seekingPartners: interest.seekingPartners,
      capabilitiesOffered: interest.capabilitiesOffered,
      capabilitiesSought: interest.capabilitiesSought,
      note: interest.note,
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, notice, mine } = await load(request, params)
  const formData = await request.formData()
  const values = formValues(formData)
  const version = Number(values.version)
  const interestId = params.interestId ?? ''
  // A stale form comes back holding the current version and, through the loader, the colleague's answers.
  const current = { ...values, version: String(mine?.interest.version ?? version) }
  try {
    if (values.intent === 'withdraw') {
      await withdrawInterest(user, interestId, version)
      return redirectWithNotice(noticePath(notice.slug), 'Your organisation’s interest has been withdrawn')
    }
    const form = parseForm(formData, interestSchema)
    if (!form.ok) return invalid({ errors: form.errors, values })
    await updateInterest(user.id, interestId, interestInputOf(form.data), version)
  } catch (error) {
    return ruleFailed(error, { values: current, status: (e) => (e.code === 'stale' ? 409 : 400) })
  }
  return redirectWithNotice(noticePath(notice.slug, 'partners'), 'Your organisation’s interest has been updated')
}

export default function ChangeInterest() {
  const { notice, organisation, interest } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const stale = actionData?.errors?.form?.startsWith('A colleague changed')
  // After a stale save the form shows the colleague's answers, not the ones that were refused.
  const values = stale ? undefined : actionData?.values
  return (
    <PageContainer before={<BackLink to={noticePath(notice.slug)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{notice.title}</span>
          {!interest ? (
            <>
              <h1 className="govuk-heading-l">This interest has been withdrawn</h1>
              <p className="govuk-body">
                Your organisation’s interest in this notice has been withdrawn, perhaps by a colleague.{' '}
                <Link className="govuk-link" to={noticePath(notice.slug, 'interest')}>
                  Register interest again
                </Link>
                .
              </p>
            </>
          ) : (
            <>
              <h1 className="govuk-heading-l">Change {organisation}’s interest</h1>
              <Form method="post" noValidate key={interest.version}>
                <input type="hidden" name="version" value={String(interest.version)} />
                <InterestFields values={values} errors={stale ? undefined : actionData?.errors} saved={interest} />
                <Button>Save changes</Button>
              </Form>
              <h2 className="govuk-heading-m">Withdraw your interest</h2>
              <p className="govuk-body">
                {organisation} will no longer be listed as interested, other organisations will no longer see it as seeking partners, and requests to get in touch about this notice are removed. Your
                colleagues are emailed.
              </p>
              <Form method="post">
                <input type="hidden" name="version" value={String(interest.version)} />
                <input type="hidden" name="intent" value="withdraw" />
                <Button variant="warning">Withdraw {organisation}’s interest</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
