import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Panel } from '~/components/panel'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { email, requiredText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { recordRequest } from '~/modules/consultations/requests.server'
import { publishedConsultation } from '~/modules/consultations/web.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Feedback on how we consult', data?.title) }]

const schema = z.object({
  name: requiredText('Enter your name', { max: 200 }),
  email: email(),
  message: requiredText('Enter your feedback', { max: 5000 }),
})

// Deliberately public: anyone may comment on the consultation process.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const c = await publishedConsultation(params.slug)
  return { title: c.title, slug: c.slug, name: user?.name ?? '', email: user?.email ?? '' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getUser(request)
  const c = await publishedConsultation(params.slug)
  const form = parseForm(await request.formData(), schema)
  if (!form.ok) return invalid(form)
  await recordRequest(c, { kind: 'process_feedback', ...form.data, userId: user?.id ?? null })
  return { ok: true as const, errors: undefined, values: undefined }
}

export default function ProcessFeedback() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  if (a?.ok) {
    return (
      <PageContainer>
        <Panel title="Feedback sent">Thank you for telling us how we consult</Panel>
        <p className="govuk-body">We have emailed you a confirmation.</p>
      </PageContainer>
    )
  }
  return (
    <PageContainer before={<BackLink to={`/consultations/${d.slug}`}>Back to the consultation</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Feedback on how we consult</h1>
          <p className="govuk-body">
            Tell us about the process of this consultation, as opposed to the issues it raises: for example, whether it meets the consultation principles, and how the process could be improved.
          </p>
          <Form method="post" noValidate>
            <TextInput name="name" label="Your name" defaultValue={valueOf(a?.values, 'name') ?? d.name} error={a?.errors?.name} autoComplete="name" />
            <TextInput name="email" label="Your email address" type="email" defaultValue={valueOf(a?.values, 'email') ?? d.email} error={a?.errors?.email} autoComplete="email" spellCheck={false} />
            <Textarea name="message" label="Your feedback" defaultValue={valueOf(a?.values, 'message')} error={a?.errors?.message} maxLength={5000} />
            <Button>Send feedback</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
