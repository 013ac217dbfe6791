import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { requireUser } from '~/lib/auth.server'
import { requiredText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { changeName } from '~/modules/accounts/accounts.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Change your name', 'Your account') }]

const schema = z.object({ name: requiredText('Enter your full name', { max: 200 }) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { name: user.name }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return invalid(parsed)
  await changeName(user.id, parsed.data.name)
  throw await redirectWithNotice('/account', 'Your name has been changed.')
}

export default function ChangeName() {
  const { name } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/account">Back to your account</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <Form method="post" noValidate>
            <TextInput
              name="name"
              label="Change your name"
              labelSize="l"
              isPageHeading
              autoComplete="name"
              spellCheck={false}
              error={actionData?.errors?.name}
              defaultValue={actionData ? valueOf(actionData.values, 'name') : name}
            />
            <Button>Save name</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
