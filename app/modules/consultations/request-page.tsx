import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Panel } from '~/components/panel'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import type { requestPageAction, requestPageLoader } from './request-page.server'
import { ACCESSIBLE_FORMATS, REQUEST_KINDS, type ConsultationRequestKind } from './requests'
import { consultationPath } from '~/lib/paths'

export function requestPageMeta(kind: ConsultationRequestKind): MetaFunction<() => ReturnType<typeof requestPageLoader>> {
  return ({ data }) => [{ title: pageTitle(REQUEST_KINDS[kind].title, data?.title) }]
}

/** The public form for one kind of request, and its confirmation. */
export function RequestPage({ kind }: { kind: ConsultationRequestKind }) {
  const d = useLoaderData<typeof requestPageLoader>()
  const a = useActionData<typeof requestPageAction>()
  const words = REQUEST_KINDS[kind]
  if (a?.ok) {
    return (
      <PageContainer>
        <Panel title={words.sentTitle}>{words.sentBody}</Panel>
        <p className="govuk-body">We have emailed you a confirmation.</p>
      </PageContainer>
    )
  }
  return (
    <PageContainer before={<BackLink to={consultationPath(d.slug)}>Back to the consultation</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">{words.title}</h1>
          <p className="govuk-body">{words.intro}</p>
          <Form method="post" noValidate>
            <TextInput name="name" label="Your name" defaultValue={valueOf(a?.values, 'name') ?? d.name} error={a?.errors?.name} autoComplete="name" />
            <TextInput name="email" label="Your email address" type="email" defaultValue={valueOf(a?.values, 'email') ?? d.email} error={a?.errors?.email} autoComplete="email" spellCheck={false} />
            {kind === 'accessible_format' ? (
              <Radios name="format" legend="Which format do you need? (optional)" legendSize="s" value={valueOf(a?.values, 'format')} error={a?.errors?.format} options={[...ACCESSIBLE_FORMATS]} />
            ) : null}
            <Textarea name="message" label={words.messageLabel} hint={words.messageHint} defaultValue={valueOf(a?.values, 'message')} error={a?.errors?.message} maxLength={5000} />
            <Button>{words.button}</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
