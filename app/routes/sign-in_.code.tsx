import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { pageTitle } from '~/lib/meta'
import { SECOND_FACTOR_TITLES, SecondFactorPage } from '~/modules/accounts/second-factor-page'
import { secondFactorAction, secondFactorLoader } from '~/modules/accounts/second-factor-page.server'

export const meta: MetaFunction = () => [{ title: pageTitle(SECOND_FACTOR_TITLES.authenticator) }]

export const loader = secondFactorLoader

export const action = (args: ActionFunctionArgs) => secondFactorAction('authenticator', args)

export default function EnterCode() {
  return <SecondFactorPage kind="authenticator" />
}
