import type { Journey } from '../browser'
import { signIn } from './sign-in'

/**
 * Opens the staff dashboard as a signed-out person would: the hub sends them
 * to sign in (with the authenticator step) and then back to the dashboard.
 */
export async function openStaffDashboard(journey: Journey, email: string, password?: string) {
  await journey.goto('/staff')
  await signIn(journey, email, password)
  await journey.expectHeading('Staff dashboard')
}
