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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Ask for an accessible format or other help', data?.title) }]

const schema = z.object({
  name: requiredText('Enter your name', { max: 200 }),
  email: email(),
  message: requiredText('Tell us what you need', { max: 5000 }),
})

// Deliberately public: anyone may ask for help to respond.
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
  await recordRequest(c, { kind: 'accessible_format', ...form.data, userId: user?.id ?? null })
  return { ok: true as const, errors: undefined, values: undefined }
}

export default function AccessibleFormat() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  if (a?.ok) {
    return (
      <PageContainer>
        <Panel title="Request sent">We will reply within 5 working days</Panel>
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
          <h1 className="govuk-heading-l">Ask for an accessible format or other help</h1>
          <p className="govuk-body">If you need this consultation in another format, or any help so that you can respond, tell us what you need.</p>
          <Form method="post" noValidate>
            <TextInput name="name" label="Your name" defaultValue={valueOf(a?.values, 'name') ?? d.name} error={a?.errors?.name} autoComplete="name" />
            <TextInput name="email" label="Your email address" type="email" defaultValue={valueOf(a?.values, 'email') ?? d.email} error={a?.errors?.email} autoComplete="email" spellCheck={false} />
            <Textarea name="message" label="What do you need?" hint="For example, large print, easy read, audio, Braille, or help from someone to respond." defaultValue={valueOf(a?.values, 'message')} error={a?.errors?.message} maxLength={5000} />
            <Button>Send request</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
