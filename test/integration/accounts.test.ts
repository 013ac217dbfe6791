import crypto from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, sql } from '~/lib/db.server'
import { createSessionCookie, lucia, requireVerifiedUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { useSmtpUrl } from '~/lib/email.server'
import { fail } from '~/lib/result'
import { changeRole, createOrPromoteAdmin, listAuditEvents } from '~/modules/accounts/admin.server'
import { deleteAccount, requestEmailChange, resetPassword, verifyEmail } from '~/modules/accounts/accounts.server'
import { verifyPassword } from '~/modules/accounts/passwords.server'
import { PASSWORD_MESSAGES } from '~/modules/accounts/password-policy'
import { referencesToUsers } from '~/modules/accounts/personal-data.server'
import { MAX_CODE_FAILURES_PER_ACCOUNT, PASSWORD_CHECK_THROTTLED, SIGN_IN_FAILED, SIGN_IN_THROTTLED, signIn } from '~/modules/accounts/sign-in.server'
import { totpCode, totpStep } from '~/modules/accounts/totp.server'
import { CODE_MISSING, CODE_THROTTLED, CODE_WRONG, RECOVERY_CODE_WRONG } from '~/modules/accounts/two-factor.server'
import * as enrolRoute from '~/routes/account.authenticator'
import * as codeRoute from '~/routes/sign-in_.code'
import * as recoveryRoute from '~/routes/sign-in_.recovery-code'
import { createUser, findUserByEmail } from '~/modules/accounts/users.server'
import * as accountDelete from '~/routes/account.delete'
import * as accountDownload from '~/routes/account.download'
import * as accountEmail from '~/routes/account.email'
import * as accountName from '~/routes/account.name'
import * as accountPassword from '~/routes/account.password'
import * as signOutEverywhere from '~/routes/account.sign-out-everywhere'
import * as adminAudit from '~/routes/admin.audit'
import * as adminMail from '~/routes/admin.mailbox.$id'
import * as adminMailbox from '~/routes/admin.mailbox._index'
import * as adminUser from '~/routes/admin.users.$id'
import * as adminUsers from '~/routes/admin.users._index'
import * as forgotPassword from '~/routes/forgot-password'
import * as register from '~/routes/register'
import * as resetPasswordRoute from '~/routes/reset-password'
import * as signInRoute from '~/routes/sign-in'
import * as verifyEmailRoute from '~/routes/verify-email'
import { accountTokens, auditEvents, mailDeliveries, organisationMembers, organisations, recoveryCodes, sessions, signInAttempts, users } from '~db/schema'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { noticeFrom } from '../support/notice'
import { profile } from '../support/organisations'
import { makeUser, request } from '../support/users'
import { call, type Outcome } from '../support/routes'

async function latestMail(to: string) {
  const [mail] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, to)).orderBy(desc(mailDeliveries.createdAt)).limit(1)
  return mail ?? null
}

async function tokenFromMail(to: string, path: string) {
  const mail = await latestMail(to)
  expect(mail, `an email to ${to}`).toBeTruthy()
  const match = mail!.textBody.match(new RegExp(`https?://\\S*${path}\\?token=([\\w-]+)`))
  expect(match, `a ${path} link`).toBeTruthy()
  return match![1]
}

const HOUR = 60 * 60 * 1000
const GOOD_PASSWORD = 'plum kettle orbit 42'

function cookieFrom(outcome: Outcome) {
  return outcome.headers.get('Set-Cookie')!.split(';')[0]
}

async function registerPerson(email = 'new.person@example.com') {
  return call(register.action, request('/register', { form: { name: 'New Person', email, password: GOOD_PASSWORD } }))
}

describe('registration', () => {
  test('creates an unverified member and queues a single-use verification link, storing only its hash', async () => {
    const outcome = await registerPerson('New.Person@Example.com')
    expect(outcome.status).toBe(200)
    expect(outcome.data).toMatchObject({ ok: true, email: 'new.person@example.com' })
    const user = await findUserByEmail('new.person@example.com')
    expect(user).toMatchObject({ name: 'New Person', role: 'member', emailVerifiedAt: null })
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
    const token = await tokenFromMail('new.person@example.com', '/verify-email')
    const [row] = await db.select().from(accountTokens).where(eq(accountTokens.userId, user!.id))
    expect(row.purpose).toBe('verify_email')
    expect(row.tokenHash).not.toContain(token)
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(24 * HOUR, -4)
  })

  test('an address that has an account gets the same answer, and its owner an email instead of a link', async () => {
    const first = await registerPerson()
    const again = await call(register.action, request('/register', { form: { name: 'Another', email: ' NEW.person@example.com', password: GOOD_PASSWORD } }))
    const fresh = await registerPerson('someone.new@example.com')
    // The page cannot tell the two apart.
    expect(again.status).toBe(fresh.status)
    expect(Object.keys(again.data).sort()).toEqual(Object.keys(fresh.data).sort())
    expect(again.data).toEqual({ ok: true, email: 'new.person@example.com' })
    expect(first.data).toEqual(again.data)
    expect(await db.select().from(users).where(eq(users.email, 'new.person@example.com'))).toHaveLength(1)
    const mail = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'new.person@example.com')).orderBy(mailDeliveries.createdAt)
    expect(mail.map((m) => m.subject)).toEqual(['Confirm your email address', 'You already have a Commissioning Hub account'])
    expect(mail[1].textBody).toMatch(/\/sign-in/)
    expect(mail[1].textBody).toMatch(/\/forgot-password/)
    expect(mail[1].textBody).not.toMatch(/token/)
    // Trying again within the hour sends nothing more, so the notice cannot flood an inbox.
    await call(register.action, request('/register', { form: { name: 'Another', email: 'new.person@example.com', password: GOOD_PASSWORD } }))
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'new.person@example.com'))).toHaveLength(2)
  })

  test.each([
    ['', { password: PASSWORD_MESSAGES.missing }],
    ['short pass', { password: PASSWORD_MESSAGES.tooShort }],
    ['password1234', { password: PASSWORD_MESSAGES.common }],
    ['Correct Horse Battery Staple', { password: PASSWORD_MESSAGES.common }],
    ['abcabcabcabcabc', { password: PASSWORD_MESSAGES.common }],
    ['x'.repeat(129), { password: PASSWORD_MESSAGES.tooLong }],
  ])('password %j is refused with a clear message', async (password, errors) => {
    const outcome = await call(register.action, request('/register', { form: { name: 'Pat', email: 'pat@example.com', password } }))
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual(errors)
    expect(outcome.data.values.password).toBeUndefined()
    expect(outcome.data.values.email).toBe('pat@example.com')
  })

  test('a password of exactly 128 characters is accepted', async () => {
    const outcome = await call(register.action, request('/register', { form: { name: 'Pat', email: 'pat@example.com', password: `${'tangerine '.repeat(12)}sky-blue` } }))
    expect(outcome.data).toMatchObject({ ok: true })
  })

  test('an invalid email address and a missing name are refused', async () => {
    const outcome = await call(register.action, request('/register', { form: { name: ' ', email: 'not-an-email', password: GOOD_PASSWORD } }))
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ name: 'Enter your full name', email: 'Enter an email address in the correct format, like name@example.com' })
  })
})

describe('email verification', () => {
  test('the link verifies once; a reused link says so', async () => {
    await registerPerson()
    const token = await tokenFromMail('new.person@example.com', '/verify-email')
    const first = await call(verifyEmailRoute.loader, request(`/verify-email?token=${token}`))
    expect(first.data.state).toBe('verified')
    expect((await findUserByEmail('new.person@example.com'))!.emailVerifiedAt).toBeInstanceOf(Date)
    const again = await call(verifyEmailRoute.loader, request(`/verify-email?token=${token}`))
    expect(again.data.state).toBe('used')
  })

  test('an expired or unknown link says so and a new link can be sent', async () => {
    await registerPerson()
    const token = await tokenFromMail('new.person@example.com', '/verify-email')
    expect(await verifyEmail(token, new Date(Date.now() + 25 * HOUR))).toEqual({ status: 'expired' })
    expect((await findUserByEmail('new.person@example.com'))!.emailVerifiedAt).toBeNull()
    expect((await call(verifyEmailRoute.loader, request('/verify-email?token=nonsense'))).data.state).toBe('invalid')

    const resend = await call(verifyEmailRoute.action, request('/verify-email', { form: { email: 'new.person@example.com' } }))
    expect(resend.data).toMatchObject({ ok: true })
    const fresh = await tokenFromMail('new.person@example.com', '/verify-email')
    expect(fresh).not.toBe(token)
    expect(await verifyEmail(fresh)).toMatchObject({ status: 'verified' })
  })

  test('asking for a new link says the same whether or not the address has an account', async () => {
    const outcome = await call(verifyEmailRoute.action, request('/verify-email', { form: { email: 'nobody@example.com' } }))
    expect(outcome.data).toMatchObject({ ok: true })
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)
  })

  test('unverified people can sign in but requireVerifiedUser sends them to confirm', async () => {
    await registerPerson()
    const signedIn = await call(signInRoute.action, request('/sign-in', { form: { email: 'new.person@example.com', password: GOOD_PASSWORD } }))
    expect(signedIn.status).toBe(302)
    const cookie = cookieFrom(signedIn)
    const refused = await call(({ request: r }: { request: Request }) => requireVerifiedUser(r), request('/consultations/x/respond', { cookie }))
    expect(refused.status).toBe(302)
    expect(refused.location).toBe('/verify-email?needed=true')
    const { cookie: verified } = await makeUser()
    const allowed = await call(({ request: r }: { request: Request }) => requireVerifiedUser(r), request('/consultations/x/respond', { cookie: verified }))
    expect(allowed.data).toMatchObject({ role: 'member' })
  })
})

describe('sign in', () => {
  test('a wrong password or unknown address gets one message that does not say which', async () => {
    const { user } = await makeUser()
    for (const email of [user.email, 'nobody@example.com']) {
      const outcome = await call(signInRoute.action, request('/sign-in', { form: { email, password: 'wrong password here' } }))
      expect(outcome.status).toBe(400)
      expect(outcome.data.errors).toEqual({ email: SIGN_IN_FAILED })
      expect(outcome.data.values).toEqual({ email, redirectTo: '' })
    }
  })

  test('signing in follows a same-site redirectTo, ignores another site, and rotates the session', async () => {
    const { user, cookie: oldCookie } = await makeUser()
    const outcome = await call(signInRoute.action, request('/sign-in', { cookie: oldCookie, form: { email: user.email, password: 'correct horse battery staple', redirectTo: '/account/name' } }))
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe('/account/name')
    const newCookie = cookieFrom(outcome)
    expect(newCookie).not.toBe(oldCookie)
    const oldId = oldCookie.split('=')[1]
    expect((await lucia.validateSession(oldId)).session).toBeNull()
    expect((await lucia.validateSession(newCookie.split('=')[1])).user?.id).toBe(user.id)

    const offsite = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple', redirectTo: '//evil.example/' } }))
    expect(offsite.location).toBe('/account')
  })

  test('after 5 failures for one account from one address, that address is refused even the right password, until the window passes', async () => {
    const { user } = await makeUser()
    const start = new Date()
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60 * 1000)
    for (let i = 0; i < 5; i++) {
      expect(await signIn({ email: user.email, password: 'wrong password here', ip: '198.51.100.9', now: new Date(start.getTime() + i * 1000) })).toEqual(fail({ email: SIGN_IN_FAILED }, 'failed'))
    }
    expect(await signIn({ email: user.email, password: 'correct horse battery staple', ip: '198.51.100.9', now: at(1) })).toEqual(fail({ email: SIGN_IN_THROTTLED }, 'throttled'))
    // The owner, somewhere else, is not locked out by someone guessing.
    expect(await signIn({ email: user.email, password: 'correct horse battery staple', ip: '203.0.113.50', now: at(1) })).toMatchObject({ ok: true })
    // Other people from the same address are not affected.
    const { user: other } = await makeUser()
    expect(await signIn({ email: other.email, password: 'correct horse battery staple', ip: '198.51.100.9', now: at(1) })).toMatchObject({ ok: true })
    expect(await signIn({ email: user.email, password: 'correct horse battery staple', ip: '198.51.100.9', now: at(16) })).toMatchObject({ ok: true })

    const page = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'x' } }))
    expect(page.status).toBe(400)
    await db.update(signInAttempts).set({ createdAt: new Date() })
    await db.delete(signInAttempts).where(eq(signInAttempts.succeeded, true))
    const throttled = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } }), {}, { ip: '198.51.100.9' })
    expect(throttled.status).toBe(429)
    expect(throttled.data.errors).toEqual({ email: SIGN_IN_THROTTLED })
  })

  test('a password reset lifts the lock at once', async () => {
    const { user } = await makeUser()
    for (let i = 0; i < 5; i++) await signIn({ email: user.email, password: 'wrong password here', ip: '198.51.100.20' })
    expect(await signIn({ email: user.email, password: 'correct horse battery staple', ip: '198.51.100.20' })).toEqual(fail({ email: SIGN_IN_THROTTLED }, 'throttled'))
    // Asking for a reset link is never throttled.
    const asked = await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email } }), {}, { ip: '198.51.100.20' })
    expect(asked.data).toMatchObject({ ok: true })
    const token = await tokenFromMail(user.email, '/reset-password')
    expect(await resetPassword(token, GOOD_PASSWORD)).toEqual({ status: 'reset' })
    expect(await signIn({ email: user.email, password: GOOD_PASSWORD, ip: '198.51.100.20' })).toMatchObject({ ok: true })
  })

  test('current-password checks (password, email, deletion) are counted and throttled like sign-in', async () => {
    const { user, cookie } = await makeUser()
    const ip = '198.51.100.30'
    const wrongs = [
      () => call(accountPassword.action, request('/account/password', { cookie, form: { currentPassword: 'guess number one', newPassword: GOOD_PASSWORD } }), {}, { ip }),
      () => call(accountEmail.action, request('/account/email', { cookie, form: { email: 'elsewhere@example.com', password: 'guess number two' } }), {}, { ip }),
      () => call(accountDelete.action, request('/account/delete', { cookie, form: { password: 'guess number three' } }), {}, { ip }),
    ]
    for (let i = 0; i < 5; i++) expect((await wrongs[i % 3]()).status).toBe(400)
    const refused = await call(accountPassword.action, request('/account/password', { cookie, form: { currentPassword: 'correct horse battery staple', newPassword: GOOD_PASSWORD } }), {}, { ip })
    expect(refused.data.errors).toEqual({ currentPassword: PASSWORD_CHECK_THROTTLED })
    const email = await call(accountEmail.action, request('/account/email', { cookie, form: { email: 'elsewhere@example.com', password: 'correct horse battery staple' } }), {}, { ip })
    expect(email.data.errors).toEqual({ password: PASSWORD_CHECK_THROTTLED })
    const gone = await call(accountDelete.action, request('/account/delete', { cookie, form: { password: 'correct horse battery staple' } }), {}, { ip })
    expect(gone.data.errors).toEqual({ password: PASSWORD_CHECK_THROTTLED })
    expect(await findUserByEmail(user.email)).not.toBeNull()
    expect(await verifyPassword((await findUserByEmail(user.email))!.passwordHash, 'correct horse battery staple')).toBe(true)
    // The same guesses lock sign-in from that address too.
    expect(await signIn({ email: user.email, password: 'correct horse battery staple', ip })).toEqual(fail({ email: SIGN_IN_THROTTLED }, 'throttled'))
  })

  test('after 20 failures from one network address it is refused for every account, but not from elsewhere', async () => {
    const { user } = await makeUser()
    for (let i = 0; i < 20; i++) {
      const outcome = await call(signInRoute.action, request('/sign-in', { form: { email: `guess-${i}@example.com`, password: 'wrong password here' } }), {}, { ip: '203.0.113.7' })
      expect(outcome.data.errors.email).toBe(SIGN_IN_FAILED)
    }
    const refused = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } }), {}, { ip: '203.0.113.7' })
    expect(refused.status).toBe(429)
    expect(refused.data.errors.email).toBe(SIGN_IN_THROTTLED)
    const elsewhere = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } }), {}, { ip: '203.0.113.8' })
    expect(elsewhere.status).toBe(302)
  })
})

describe('password reset', () => {
  test('a reset link changes the password once and signs out every session', async () => {
    const { user, cookie } = await makeUser()
    await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email.toUpperCase() } }))
    const token = await tokenFromMail(user.email, '/reset-password')
    expect((await call(resetPasswordRoute.loader, request(`/reset-password?token=${token}`))).data.state).toBe('valid')

    const weak = await call(resetPasswordRoute.action, request('/reset-password', { form: { token, password: 'short' } }))
    expect(weak.data.errors).toEqual({ password: PASSWORD_MESSAGES.tooShort })

    const done = await call(resetPasswordRoute.action, request('/reset-password', { cookie, form: { token, password: GOOD_PASSWORD } }))
    expect(done.status).toBe(302)
    expect(done.location).toBe('/sign-in')
    const changed = await findUserByEmail(user.email)
    expect(await verifyPassword(changed!.passwordHash, GOOD_PASSWORD)).toBe(true)
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)

    const reused = await call(resetPasswordRoute.action, request('/reset-password', { form: { token, password: 'another fine password' } }))
    expect(reused.data).toEqual({ ok: false, state: 'used' })
    expect((await call(resetPasswordRoute.loader, request(`/reset-password?token=${token}`))).data.state).toBe('used')
  })

  test('a reset link expires after an hour, and a newer link replaces an older one', async () => {
    const { user } = await makeUser()
    await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email } }))
    const first = await tokenFromMail(user.email, '/reset-password')
    expect(await resetPassword(first, GOOD_PASSWORD, new Date(Date.now() + 61 * 60 * 1000))).toEqual({ status: 'expired' })
    await db.delete(mailDeliveries)
    await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email } }))
    const second = await tokenFromMail(user.email, '/reset-password')
    expect(await resetPassword(first, GOOD_PASSWORD)).toEqual({ status: 'used' })
    expect(await resetPassword(second, GOOD_PASSWORD)).toEqual({ status: 'reset' })
  })

  test('an unknown address gets the same answer and no email', async () => {
    const outcome = await call(forgotPassword.action, request('/forgot-password', { form: { email: 'nobody@example.com' } }))
    expect(outcome.data).toMatchObject({ ok: true })
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)
  })
})

describe('your account', () => {
  test('changing your name', async () => {
    const { user, cookie } = await makeUser()
    const empty = await call(accountName.action, request('/account/name', { cookie, form: { name: '' } }))
    expect(empty.data.errors).toEqual({ name: 'Enter your full name' })
    const done = await call(accountName.action, request('/account/name', { cookie, form: { name: 'Renamed Person' } }))
    expect(done.location).toBe('/account')
    expect(await noticeFrom(done.headers)).toBe('Your name has been changed.')
    expect((await findUserByEmail(user.email))!.name).toBe('Renamed Person')
  })

  test('a new email address takes effect only when the link sent to it is followed', async () => {
    const { user, cookie } = await makeUser()
    const wrong = await call(accountEmail.action, request('/account/email', { cookie, form: { email: 'moved@example.com', password: 'not my password' } }))
    expect(wrong.data.errors).toEqual({ password: 'Enter a correct password' })
    expect(wrong.data.values).toEqual({ email: 'moved@example.com' })

    const asked = await call(accountEmail.action, request('/account/email', { cookie, form: { email: 'Moved@Example.com', password: 'correct horse battery staple' } }))
    expect(asked.location).toBe('/account')
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].email).toBe(user.email)
    const token = await tokenFromMail('moved@example.com', '/verify-email')
    expect(await verifyEmail(token)).toMatchObject({ status: 'verified', changed: true, email: 'moved@example.com' })
    const [moved] = await db.select().from(users).where(eq(users.id, user.id))
    expect(moved.email).toBe('moved@example.com')
    expect(moved.emailVerifiedAt).toBeInstanceOf(Date)
    expect((await latestMail(user.email))!.subject).toBe('Your email address has changed')
    expect(await verifyEmail(token)).toEqual({ status: 'used' })
  })

  test('an address taken by someone else, before or after asking, is not moved to, and asking does not say it is taken', async () => {
    const { user } = await makeUser()
    const { user: other } = await makeUser()
    const free = await requestEmailChange(user.id, { email: 'free@example.com', password: 'correct horse battery staple' })
    expect(await requestEmailChange(user.id, { email: other.email, password: 'correct horse battery staple' })).toEqual(free)
    const notice = await latestMail(other.email)
    expect(notice!.subject).toBe('Your email address was given for another account')
    expect(notice!.textBody).not.toMatch(/token/)
    expect(await latestMail(user.email)).toBeNull()
    expect((await db.select().from(mailDeliveries).where(eq(mailDeliveries.subject, 'Confirm your email address'))).map((m) => m.toAddress)).toEqual(['free@example.com'])
    expect(await requestEmailChange(user.id, { email: 'later@example.com', password: 'correct horse battery staple' })).toEqual({ ok: true })
    const token = await tokenFromMail('later@example.com', '/verify-email')
    await createUser({ email: 'later@example.com', name: 'Quick', password: GOOD_PASSWORD })
    expect(await verifyEmail(token)).toEqual({ status: 'taken', email: 'later@example.com' })
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].email).toBe(user.email)
  })

  test('changing your password needs the current one and signs out your other sessions', async () => {
    const { user, cookie } = await makeUser()
    const other = await lucia.createSession(user.id, {})
    const wrong = await call(accountPassword.action, request('/account/password', { cookie, form: { currentPassword: 'nope nope nope', newPassword: GOOD_PASSWORD } }))
    expect(wrong.data.errors).toEqual({ currentPassword: 'Your current password is not correct' })
    expect(wrong.data.values).toEqual({})
    const done = await call(accountPassword.action, request('/account/password', { cookie, form: { currentPassword: 'correct horse battery staple', newPassword: GOOD_PASSWORD } }))
    expect(done.location).toBe('/account')
    expect((await lucia.validateSession(other.id)).session).toBeNull()
    expect((await lucia.validateSession(cookie.split('=')[1])).session).not.toBeNull()
    expect(await verifyPassword((await findUserByEmail(user.email))!.passwordHash, GOOD_PASSWORD)).toBe(true)
  })

  test('sign out everywhere ends every session', async () => {
    const { user, cookie } = await makeUser()
    await lucia.createSession(user.id, {})
    const outcome = await call(signOutEverywhere.action, request('/account/sign-out-everywhere', { cookie, method: 'POST' }))
    expect(outcome.location).toBe('/sign-in')
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
  })

  test('account pages need a signed-in person', async () => {
    const outcome = await call(accountName.loader, request('/account/name'))
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe('/sign-in?redirectTo=%2Faccount%2Fname')
  })
})

describe('audit of account changes', () => {
  test('password changes, resets and email changes are in the audit log, with no secrets', async () => {
    const { user, cookie } = await makeUser()
    await call(accountPassword.action, request('/account/password', { cookie, form: { currentPassword: 'correct horse battery staple', newPassword: GOOD_PASSWORD } }))
    await call(accountEmail.action, request('/account/email', { cookie, form: { email: 'audited@example.com', password: GOOD_PASSWORD } }))
    await verifyEmail(await tokenFromMail('audited@example.com', '/verify-email'))
    await call(forgotPassword.action, request('/forgot-password', { form: { email: 'audited@example.com' } }))
    await resetPassword(await tokenFromMail('audited@example.com', '/reset-password'), 'another fine password')
    const events = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id)).orderBy(auditEvents.createdAt)
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['account.password_change', user.id],
      ['account.email_change_request', user.id],
      ['account.email_change', user.id],
      ['account.password_reset', user.id],
    ])
    expect(events[2]).toMatchObject({ before: { email: user.email }, after: { email: 'audited@example.com' } })
    expect(JSON.stringify(events)).not.toMatch(/argon2|token|correct horse|plum kettle|another fine/)
  })
})

describe('sessions', () => {
  test('the database holds only a hash of each session id; the cookie id still works', async () => {
    const { user, cookie } = await makeUser()
    const id = cookie.split('=')[1]
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows.map((r) => r.id)).toEqual([crypto.createHash('sha256').update(id).digest('hex')])
    expect(JSON.stringify(rows)).not.toContain(id)
    expect((await lucia.validateSession(id)).user?.id).toBe(user.id)
    // The stored value is not itself a session id.
    expect((await lucia.validateSession(rows[0].id)).session).toBeNull()
    // Signing out removes the row it names.
    await lucia.invalidateSession(id)
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  })
})

describe('authenticator app', () => {
  async function staffWithoutApp(email = `staff-${crypto.randomUUID()}@example.com`) {
    return createUser({ email, name: 'Sam Staff', password: 'correct horse battery staple', role: 'staff', verified: true })
  }

  test('staff without an app are sent from sign-in to set it up; the page keeps one secret; a right code upgrades the session and shows 10 recovery codes once', async () => {
    const staff = await staffWithoutApp()
    const signedIn = await call(signInRoute.action, request('/sign-in', { form: { email: staff.email, password: 'correct horse battery staple', redirectTo: '/staff' } }))
    expect(signedIn.location).toBe('/account/authenticator?redirectTo=%2Fstaff')
    const cookie = cookieFrom(signedIn)
    // Until then, staff pages send them back to set it up.
    const staffHome = await import('~/routes/staff._index')
    expect((await call(staffHome.loader, request('/staff', { cookie }))).location).toBe('/account/authenticator?redirectTo=%2Fstaff')

    const page = await call(enrolRoute.loader, request('/account/authenticator?redirectTo=%2Fstaff', { cookie }))
    expect(page.data).toMatchObject({ required: true, redirectTo: '/staff', enrolment: { status: 'pending' } })
    const { secret, uri, groupedSecret } = page.data.enrolment
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(groupedSecret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
    expect(uri).toBe(`otpauth://totp/Commissioning%20Hub:${encodeURIComponent(staff.email)}?secret=${secret}&issuer=Commissioning+Hub&algorithm=SHA1&digits=6&period=30`)
    expect((await call(enrolRoute.loader, request('/account/authenticator', { cookie }))).data.enrolment.secret).toBe(secret)

    const empty = await call(enrolRoute.action, request('/account/authenticator', { cookie, form: { code: '', redirectTo: '/staff' } }))
    expect(empty.data.errors).toEqual({ code: CODE_MISSING })
    const letters = await call(enrolRoute.action, request('/account/authenticator', { cookie, form: { code: '12ab56', redirectTo: '/staff' } }))
    expect(letters.data.errors).toEqual({ code: 'The code must be 6 numbers, like 123456' })
    const step = totpStep()
    const wrong = await call(enrolRoute.action, request('/account/authenticator', { cookie, form: { code: totpCode(secret, step + 3), redirectTo: '/staff' } }))
    expect(wrong.data.errors).toEqual({ code: CODE_WRONG })

    const done = await call(enrolRoute.action, request('/account/authenticator', { cookie, form: { code: totpCode(secret, step), redirectTo: '/staff' } }))
    expect(done.location).toBe('/account/authenticator?redirectTo=%2Fstaff')
    const upgraded = cookieFrom(done)
    expect(upgraded).not.toBe(cookie)
    // The page shows the recovery codes once, then never again.
    const shown = await call(enrolRoute.loader, request('/account/authenticator?redirectTo=%2Fstaff', { cookie: upgraded }))
    expect(shown.data.redirectTo).toBe('/staff')
    const codes: string[] = shown.data.recoveryCodes
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, staff.id))
    expect(stored).toHaveLength(10)
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace('-', ''))
    expect((await call(enrolRoute.loader, request('/account/authenticator', { cookie: upgraded }))).data.recoveryCodes).toBeNull()
    expect((await lucia.validateSession(cookie.split('=')[1])).session).toBeNull()
    expect((await call(staffHome.loader, request('/staff', { cookie: upgraded }))).status).toBe(200)
    expect(await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, staff.id))).toEqual([{ action: 'account.authenticator_set_up' }])
    // The page now shows the set-up, never the secret again.
    const after = await call(enrolRoute.loader, request('/account/authenticator', { cookie: upgraded }))
    expect(after.data.enrolment).toEqual({ status: 'enrolled', enabledAt: expect.any(Date), recoveryCodesLeft: 10 })
    expect(JSON.stringify(after.data)).not.toContain(secret)
  })

  test('sign-in asks for the code after the password; until then the session counts for nothing; a code works once', async () => {
    const { user, authenticator } = await makeUser({ role: 'staff' })
    const { totpSecret, lastStep } = authenticator!
    const password = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple', redirectTo: '/staff' } }))
    expect(password.location).toBe('/sign-in/code?redirectTo=%2Fstaff')
    const waiting = cookieFrom(password)
    // Halfway, the person is not signed in at all: not even member pages.
    expect((await call(accountName.loader, request('/account/name', { cookie: waiting }))).location).toMatch(/^\/sign-in\?/)
    expect((await call(codeRoute.loader, request('/sign-in/code?redirectTo=%2Fstaff', { cookie: waiting }))).data).toEqual({ redirectTo: '/staff' })
    // Without a password first, the code page sends people to sign in.
    expect((await call(codeRoute.loader, request('/sign-in/code'))).location).toBe('/sign-in?redirectTo=%2Faccount')

    // The code used at set-up, moments ago, is refused: codes work once.
    const replay = await call(codeRoute.action, request('/sign-in/code', { cookie: waiting, form: { code: totpCode(totpSecret, lastStep), redirectTo: '/staff' } }))
    expect(replay.status).toBe(400)
    expect(replay.data.errors).toEqual({ code: CODE_WRONG })
    const next = totpCode(totpSecret, lastStep + 1)
    const ok = await call(codeRoute.action, request('/sign-in/code', { cookie: waiting, form: { code: `${next.slice(0, 3)} ${next.slice(3)}`, redirectTo: '/staff' } }))
    expect(ok.location).toBe('/staff')
    const verified = cookieFrom(ok)
    expect((await lucia.validateSession(waiting.split('=')[1])).session).toBeNull()
    expect((await lucia.validateSession(verified.split('=')[1])).session?.secondFactor).toBe('verified')

    // The same code again, in a second sign-in, is refused.
    const again = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } })))
    const replayed = await call(codeRoute.action, request('/sign-in/code', { cookie: again, form: { code: next } }))
    expect(replayed.data.errors).toEqual({ code: CODE_WRONG })
  })

  test('10 wrong codes lock the account for 15 minutes; a right password does not reset the count, a password reset does', async () => {
    const { user, authenticator } = await makeUser({ role: 'staff' })
    const wrongCode = (n: number) => (Number(totpCode(authenticator!.totpSecret, authenticator!.lastStep + 1)) + n).toString().padStart(6, '0').slice(-6)
    let guesses = 0
    let cookie = ''
    for (let round = 0; round < 3 && guesses < MAX_CODE_FAILURES_PER_ACCOUNT; round++) {
      // A fresh sign-in from a fresh address each round, as someone holding the password would try.
      const ip = `198.51.100.${100 + round}`
      cookie = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } }), {}, { ip }))
      for (let i = 0; i < 4 && guesses < MAX_CODE_FAILURES_PER_ACCOUNT; i++, guesses++) {
        expect((await call(codeRoute.action, request('/sign-in/code', { cookie, form: { code: wrongCode(guesses + 1) } }), {}, { ip })).status).toBe(400)
      }
    }
    const refused = await call(codeRoute.action, request('/sign-in/code', { cookie, form: { code: totpCode(authenticator!.totpSecret, totpStep()) } }), {}, { ip: '198.51.100.102' })
    expect(refused.status).toBe(429)
    expect(refused.data.errors).toEqual({ code: CODE_THROTTLED })
    // Signing in again does not start a new count: the account is locked until the window passes or the password is reset.
    const password = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } }), {}, { ip: '198.51.100.200' })
    expect(password.status).toBe(429)
    await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email } }))
    await resetPassword(await tokenFromMail(user.email, '/reset-password'), GOOD_PASSWORD)
    const afterReset = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: GOOD_PASSWORD } }), {}, { ip: '198.51.100.200' }))
    const code = await call(codeRoute.action, request('/sign-in/code', { cookie: afterReset, form: { code: totpCode(authenticator!.totpSecret, totpStep() + 1) } }), {}, { ip: '198.51.100.200' })
    expect(code.location).toBe('/account')
  })

  test('a recovery code signs in once instead of the app, the owner is told, and the use is audited', async () => {
    const { user, authenticator } = await makeUser({ role: 'admin' })
    const waiting = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } })))
    const [first] = authenticator!.recoveryCodes
    const wrong = await call(recoveryRoute.action, request('/sign-in/recovery-code', { cookie: waiting, form: { code: 'aaaaa-bbbbb' } }))
    expect(wrong.data.errors).toEqual({ code: RECOVERY_CODE_WRONG })
    const ok = await call(recoveryRoute.action, request('/sign-in/recovery-code', { cookie: waiting, form: { code: ` ${first.toUpperCase()} ` } }))
    expect(ok.location).toBe('/account')
    const admin = cookieFrom(ok)
    expect((await call(adminUsers.loader, request('/admin/users', { cookie: admin }))).status).toBe(200)
    const notice = await latestMail(user.email)
    expect(notice).toMatchObject({ subject: 'A recovery code was used on your account' })
    expect(notice!.textBody).toMatch(/You have 9 recovery codes left/)
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'account.recovery_code_used'))
    expect(event).toMatchObject({ actorId: user.id, after: { recoveryCodesLeft: 9 } })

    const again = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } })))
    expect((await call(recoveryRoute.action, request('/sign-in/recovery-code', { cookie: again, form: { code: first } }))).data.errors).toEqual({ code: RECOVERY_CODE_WRONG })

    // New codes replace the old ones, from a session that has passed the second factor only.
    const renewed = await call(enrolRoute.action, request('/account/authenticator', { cookie: admin, form: { intent: 'renew' } }))
    expect(renewed.data.recoveryCodes).toHaveLength(10)
    const notVerified = (await createSessionCookie(user.id, 'none')).split(';')[0]
    expect((await call(enrolRoute.action, request('/account/authenticator', { cookie: notVerified, form: { intent: 'renew' } }))).location).toMatch(/^\/sign-in\/code/)
    const old = cookieFrom(await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple' } })))
    expect((await call(recoveryRoute.action, request('/sign-in/recovery-code', { cookie: old, form: { code: authenticator!.recoveryCodes[1] } }))).data.errors).toEqual({
      code: RECOVERY_CODE_WRONG,
    })
    expect((await call(recoveryRoute.action, request('/sign-in/recovery-code', { cookie: old, form: { code: renewed.data.recoveryCodes[0] } }))).location).toBe('/account')
  })

  test('an admin resets a lost authenticator app: it is audited, the person is signed out and sets up a new app next time', async () => {
    const { user: admin, cookie } = await makeUser({ role: 'admin' })
    const { user: staff, cookie: staffCookie } = await makeUser({ role: 'staff' })
    const done = await call(adminUser.action, request(`/admin/users/${staff.id}`, { cookie, form: { intent: 'reset-authenticator' } }), { id: staff.id })
    expect(done.location).toBe(`/admin/users/${staff.id}`)
    expect(done.headers.get('Set-Cookie')).toMatch(/^hub_notice=/)
    expect((await lucia.validateSession(staffCookie.split('=')[1])).session).toBeNull()
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, staff.id))).toEqual([])
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'user.authenticator_reset'))
    expect(event).toMatchObject({ actorId: admin.id, subjectId: staff.id })
    const signedIn = await call(signInRoute.action, request('/sign-in', { form: { email: staff.email, password: 'correct horse battery staple' } }))
    expect(signedIn.location).toBe('/account/authenticator?redirectTo=%2Faccount')
    // Only admins may do it.
    const asStaff = (await makeUser({ role: 'staff' })).cookie
    const refused = await call(adminUser.action, request(`/admin/users/${admin.id}`, { cookie: asStaff, form: { intent: 'reset-authenticator' } }), { id: admin.id })
    expect(refused.status).toBe(403)
  })

  test('members sign in with their password alone', async () => {
    const { user } = await makeUser()
    const outcome = await call(signInRoute.action, request('/sign-in', { form: { email: user.email, password: 'correct horse battery staple', redirectTo: '/what-works' } }))
    expect(outcome.location).toBe('/what-works')
  })
})

describe('your data', () => {
  test('the download holds the account, memberships and everything else about the person, but no secrets', async () => {
    const { user, cookie } = await makeUser({ name: 'Data Person' })
    await createOrganisation(user, profile({ name: 'Ace Employment' }))
    await signIn({ email: user.email, password: 'wrong password here', ip: '192.0.2.1' })
    const outcome = await call(accountDownload.loader, request('/account/download', { cookie }))
    expect(outcome.status).toBe(200)
    expect(outcome.headers.get('Content-Disposition')).toMatch(/^attachment; filename="commissioning-hub-your-data-\d{4}-\d{2}-\d{2}\.json"$/)
    const data = outcome.data
    expect(data.account).toMatchObject({ id: user.id, name: 'Data Person', email: user.email, role: 'member' })
    expect(data.organisationMemberships).toEqual([expect.objectContaining({ organisation: 'Ace Employment', role: 'admin' })])
    expect(data.signInAttempts).toEqual([expect.objectContaining({ ipAddress: '192.0.2.1', succeeded: false })])
    expect(data.sessions).toHaveLength(1)
    const text = JSON.stringify(data)
    expect(text).not.toContain(user.passwordHash)
    expect(text).not.toContain(cookie.split('=')[1])
  })

  test('a table no domain has described yet still appears in the download, without secrets', async () => {
    const { user, cookie } = await makeUser()
    await sql`create table test_notes (id serial primary key, author_id uuid references users(id) on delete set null, body text, token_hash text)`
    try {
      await sql`insert into test_notes (author_id, body, token_hash) values (${user.id}, 'a note', 'secret-hash')`
      expect(await referencesToUsers()).toContainEqual({ table: 'test_notes', column: 'author_id' })
      const outcome = await call(accountDownload.loader, request('/account/download', { cookie }))
      expect(outcome.data.otherRecords.test_notes).toEqual([{ id: 1, author_id: user.id, body: 'a note' }])
    } finally {
      await sql`drop table test_notes`
    }
  })
})

describe('deleting an account', () => {
  test('needs the password, then erases the person and keeps organisations and the audit trail', async () => {
    const { user, cookie } = await makeUser({ role: 'staff' })
    const organisation = await createOrganisation(user, profile({ name: 'Ace Employment' }))
    await db.transaction((tx) => recordAudit(tx, { actor: user, action: 'consultation.publish', subjectType: 'consultation', subjectId: 'c1' }))
    await signIn({ email: user.email, password: 'wrong password here', ip: '192.0.2.1' })
    await call(forgotPassword.action, request('/forgot-password', { form: { email: user.email } }))

    const refused = await call(accountDelete.action, request('/account/delete', { cookie, form: { password: 'not it at all' } }))
    expect(refused.status).toBe(400)
    expect(refused.data.errors).toEqual({ password: 'Enter a correct password' })
    expect(await findUserByEmail(user.email)).not.toBeNull()

    const page = await call(accountDelete.loader, request('/account/delete', { cookie }))
    expect(page.data.statements.join(' ')).toMatch(/erased/)

    const done = await call(accountDelete.action, request('/account/delete', { cookie, form: { password: 'correct horse battery staple' } }))
    expect(done.location).toBe('/sign-in')
    expect(await findUserByEmail(user.email)).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
    expect(await db.select().from(accountTokens)).toHaveLength(0)
    expect(await db.select().from(signInAttempts).where(eq(signInAttempts.email, user.email))).toHaveLength(0)
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, user.email))).toHaveLength(0)
    expect(await db.select().from(organisationMembers)).toHaveLength(0)
    expect(await db.select().from(organisations).where(eq(organisations.id, organisation.id))).toHaveLength(1)
    const [published] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'consultation.publish'))
    expect(published).toMatchObject({ actorId: null, actorEmail: 'Former member' })
    expect(JSON.stringify(await db.select().from(auditEvents))).not.toContain(user.email)
  })

  test('the domain rule refuses a wrong password', async () => {
    const { user } = await makeUser()
    expect(await deleteAccount(user.id, 'wrong')).toEqual(fail({ password: 'Enter a correct password' }, 'wrong'))
  })
})

describe('admin', () => {
  test.each([
    ['users', adminUsers.loader, '/admin/users'],
    ['user', adminUser.loader, '/admin/users/x'],
    ['audit', adminAudit.loader, '/admin/audit'],
    ['mailbox', adminMailbox.loader, '/admin/mailbox'],
    ['mail', adminMail.loader, '/admin/mailbox/x'],
  ])('the %s page refuses members and staff with 403', async (_name, loader, path) => {
    for (const role of ['member', 'staff'] as const) {
      const { cookie } = await makeUser({ role })
      const outcome = await call(loader, request(path, { cookie }), { id: 'x' })
      expect(outcome.status).toBe(403)
    }
  })

  test('the role change form refuses members with 403', async () => {
    const { user } = await makeUser()
    const { cookie } = await makeUser()
    const outcome = await call(adminUser.action, request(`/admin/users/${user.id}`, { cookie, form: { role: 'admin' } }), { id: user.id })
    expect(outcome.status).toBe(403)
    expect((await findUserByEmail(user.email))!.role).toBe('member')
  })

  test('users can be searched by email address', async () => {
    const { cookie } = await makeUser({ role: 'admin', email: 'boss@example.com' })
    await makeUser({ email: 'alice@provider.example' })
    await makeUser({ email: 'bob@other.example' })
    const outcome = await call(adminUsers.loader, request('/admin/users?email=PROVIDER', { cookie }))
    expect(outcome.data.rows.map((r: { email: string }) => r.email)).toEqual(['alice@provider.example'])
    const percent = await call(adminUsers.loader, request('/admin/users?email=%25', { cookie }))
    expect(percent.data.rows).toEqual([])
  })

  test('changing a role is recorded in the audit log in the same transaction', async () => {
    const { user: admin, cookie } = await makeUser({ role: 'admin' })
    const { user } = await makeUser()
    const invalidRole = await call(adminUser.action, request(`/admin/users/${user.id}`, { cookie, form: { role: 'superuser' } }), { id: user.id })
    expect(invalidRole.data.errors).toEqual({ role: 'Select a role' })
    const outcome = await call(adminUser.action, request(`/admin/users/${user.id}`, { cookie, form: { role: 'staff' } }), { id: user.id })
    expect(outcome.location).toBe(`/admin/users/${user.id}`)
    expect((await findUserByEmail(user.email))!.role).toBe('staff')
    const [record] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.role_change'), eq(auditEvents.subjectId, user.id)))
    expect(record).toMatchObject({ actorId: admin.id, actorEmail: admin.email, subjectType: 'user', before: { role: 'member' }, after: { role: 'staff' } })
  })

  test('the only admin cannot be demoted', async () => {
    const { user: admin } = await makeUser({ role: 'admin' })
    expect(await changeRole(admin, admin.id, 'member')).toEqual(fail({ role: expect.stringMatching(/only admin/) }))
    const { user: second } = await makeUser({ role: 'admin' })
    expect(await changeRole(second, admin.id, 'member')).toEqual({ ok: true, changed: true })
  })

  test('the audit log filters by action, actor, subject type and date', async () => {
    const { user: admin, cookie } = await makeUser({ role: 'admin', email: 'auditor@example.com' })
    // Only the two entries below: not the admin's own authenticator set-up.
    await db.delete(auditEvents)
    await db.transaction(async (tx) => {
      await recordAudit(tx, { actor: admin, action: 'pipeline.publish', subjectType: 'pipeline_notice', subjectId: 'n1' })
      await recordAudit(tx, { actor: { id: admin.id, email: 'someone.else@example.com' }, action: 'consultation.hide', subjectType: 'consultation', subjectId: 'c1' })
    })
    await db
      .update(auditEvents)
      .set({ createdAt: new Date('2026-03-01T12:00:00Z') })
      .where(eq(auditEvents.action, 'consultation.hide'))
    const list = async (query: string) => (await call(adminAudit.loader, request(`/admin/audit?${query}`, { cookie }))).data
    expect((await list('')).rows).toHaveLength(2)
    expect((await list('action=pipeline')).rows.map((r: { action: string }) => r.action)).toEqual(['pipeline.publish'])
    expect((await list('actor=someone')).rows.map((r: { action: string }) => r.action)).toEqual(['consultation.hide'])
    expect((await list('subjectType=consultation')).rows).toHaveLength(1)
    expect((await list('from-day=1&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026')).rows.map((r: { action: string }) => r.action)).toEqual(['consultation.hide'])
    const bad = await list('from-day=31&from-month=2&from-year=2026')
    expect(bad.errors).toEqual({ from: 'From date must be a real date' })
    expect((await list('')).subjectTypes).toEqual(['consultation', 'pipeline_notice'])
    expect((await listAuditEvents({ from: new Date('2026-04-01T00:00:00Z') })).rows).toHaveLength(1)
  })

  test('the mailbox lists messages newest first and shows one with its parts', async () => {
    const { cookie } = await makeUser({ role: 'admin' })
    await registerPerson('first@example.com')
    await registerPerson('second@example.com')
    await db
      .update(mailDeliveries)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(mailDeliveries.toAddress, 'first@example.com'))
    const list = await call(adminMailbox.loader, request('/admin/mailbox', { cookie }))
    expect(list.data.rows.map((r: { toAddress: string }) => r.toAddress)).toEqual(['second@example.com', 'first@example.com'])
    const message = await call(adminMail.loader, request(`/admin/mailbox/${list.data.rows[0].id}`, { cookie }), { id: list.data.rows[0].id })
    expect(message.data.mail).toMatchObject({ subject: 'Confirm your email address', toAddress: 'second@example.com' })
    expect(message.data.mail.content.textBody).toMatch(/\/verify-email\?token=/)
    const missing = await call(adminMail.loader, request('/admin/mailbox/00000000-0000-0000-0000-000000000000', { cookie }), { id: '00000000-0000-0000-0000-000000000000' })
    expect(missing.status).toBe(404)
  })

  test('with an SMTP server the mailbox shows no link or token, and every read is audited', async () => {
    const { user: admin, cookie } = await makeUser({ role: 'admin' })
    await registerPerson('reader@example.com')
    await call(forgotPassword.action, request('/forgot-password', { form: { email: 'reader@example.com' } }))
    await db.delete(auditEvents)
    useSmtpUrl('smtp://127.0.0.1:2525')
    try {
      const list = await call(adminMailbox.loader, request('/admin/mailbox', { cookie }))
      expect(list.data.showsContent).toBe(false)
      expect(list.data.rows).toHaveLength(2)
      for (const row of list.data.rows) {
        const message = await call(adminMail.loader, request(`/admin/mailbox/${row.id}`, { cookie }), { id: row.id })
        expect(message.status).toBe(200)
        expect(message.data.mail.content).toBeNull()
        const everything = JSON.stringify([list.data, message.data])
        expect(everything).not.toMatch(/token|https?:\/\//)
        const [stored] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.id, row.id))
        const token = stored.textBody.match(/token=([\w-]+)/)![1]
        expect(everything).not.toContain(token)
      }
    } finally {
      useSmtpUrl(undefined)
    }
    const reads = await db.select().from(auditEvents).where(eq(auditEvents.actorId, admin.id)).orderBy(auditEvents.createdAt)
    expect(reads.map((r) => [r.action, (r.after as { contentShown: boolean }).contentShown])).toEqual([
      ['mailbox.list', false],
      ['mailbox.read', false],
      ['mailbox.read', false],
    ])
    expect(new Set(reads.slice(1).map((r) => r.subjectId)).size).toBe(2)
    // Without SMTP (the demo), reading is still recorded.
    await call(adminMailbox.loader, request('/admin/mailbox', { cookie }))
    const [latest] = await db.select().from(auditEvents).where(eq(auditEvents.actorId, admin.id)).orderBy(desc(auditEvents.createdAt)).limit(1)
    expect(latest).toMatchObject({ action: 'mailbox.list', actorEmail: admin.email, after: { page: 1, contentShown: true } })
  })
})

describe('create-admin', () => {
  test('creates a verified admin, or promotes an existing account, with an audit record', async () => {
    expect(await createOrPromoteAdmin({ email: 'first.admin@example.com', name: 'First Admin' })).toEqual(fail({ password: 'Give a password with --password or ADMIN_PASSWORD for a new account' }))
    expect(await createOrPromoteAdmin({ email: 'first.admin@example.com', name: 'First Admin', password: 'short' })).toEqual(fail({ password: PASSWORD_MESSAGES.tooShort }))
    expect(await createOrPromoteAdmin({ email: 'First.Admin@example.com', name: 'First Admin', password: GOOD_PASSWORD })).toEqual({ ok: true, created: true, promoted: false })
    expect(await findUserByEmail('first.admin@example.com')).toMatchObject({ role: 'admin', emailVerifiedAt: expect.any(Date) })

    const { user } = await makeUser()
    expect(await createOrPromoteAdmin({ email: user.email })).toEqual({ ok: true, created: false, promoted: true })
    expect((await findUserByEmail(user.email))!.role).toBe('admin')
    expect(await verifyPassword((await findUserByEmail(user.email))!.passwordHash, 'correct horse battery staple')).toBe(true)
    expect(await db.select().from(auditEvents)).toHaveLength(2)
  })
})
