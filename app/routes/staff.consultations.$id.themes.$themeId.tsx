import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { WarningText } from '~/components/misc'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { plural } from '~/lib/plural'
import { redirectWithNotice } from '~/lib/notice.server'
import { codingFrame, removeConsultationTheme, updateConsultationTheme } from '~/modules/consultations/coding-frame.server'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { ThemeFields } from '~/modules/consultations/theme-fields'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Change theme ${data?.theme.name ?? ''}`, data?.title, 'Staff') }]

async function load(request: Request, params: { id?: string; themeId?: string }) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const theme = (await codingFrame(consultation)).find((t) => t.id === params.themeId)
  invariantResponse(theme, 'Theme not found')
  return { user, consultation, theme }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, theme } = await load(request, params)
  return { id: consultation.id, title: consultation.title, theme }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation, theme } = await load(request, params)
  const values = formValues(await request.formData())
  const back = staffConsultationPath(consultation.id, 'themes')
  if (valueOf(values, 'intent') === 'remove') {
    await removeConsultationTheme(user, consultation, theme.id)
    return redirectWithNotice(back, `Theme “${theme.name}” removed, with its tags on ${plural(theme.count, 'answer')}`)
  }
  try {
    await updateConsultationTheme(user, consultation, theme.id, { name: valueOf(values, 'name') ?? '', description: valueOf(values, 'description') ?? '' })
    return redirectWithNotice(back, 'Theme changed')
  } catch (error) {
    return ruleFailed(error, { field: 'name', values })
  }
}

export default function ChangeTheme() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'themes', text: 'Themes' }} />}>
      <ErrorSummary errors={a?.errors} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Change theme</h1>
          <Form method="post" noValidate>
            <ThemeFields values={a?.values} errors={a?.errors} theme={d.theme} />
            <Button name="intent" value="save">
              Save theme
            </Button>
          </Form>
          <h2 className="govuk-heading-m">Remove this theme</h2>
          <WarningText>Removing it takes it off the {plural(d.theme.count, 'answer')} tagged with it. Responses already published keep the theme they were published with.</WarningText>
          <Form method="post">
            <Button name="intent" value="remove" variant="warning">
              Remove theme
            </Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
