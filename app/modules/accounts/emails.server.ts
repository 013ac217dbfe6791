import { config } from '~/lib/config.server'
import type { DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { escapeHtml } from '~/lib/email-layout.server'
import { echoToUnconfirmed } from '~/lib/unconfirmed-mail.server'

function link(path: string, token: string) {
  return new URL(`${path}?${new URLSearchParams({ token })}`, config().APP_URL).toString()
}

/** Plain paragraphs and one link, as text and as the same words in HTML (laid out by queueEmail). */
function message(subject: string, paragraphs: string[], url: string) {
  const text = paragraphs.map((p) => p.replace('{link}', url)).join('\n\n')
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace('{link}', `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}</p>`).join('\n')
  return { subject, text, html: body }
}

export async function sendVerificationEmail(tx: DbOrTx, { to, name, token, tokenId, change }: { to: string; name: string; token: string; tokenId: string; change?: boolean }) {
  const url = link('/verify-email', token)
  const body = message(
    'Confirm your email address',
    [
      `Dear ${echoToUnconfirmed(name)},`,
      change
        ? 'You asked to change the email address for your Commissioning Hub account to this one. Confirm it by opening this link:'
        : 'Confirm your email address for the Commissioning Hub by opening this link:',
      '{link}',
      'The link works once and expires in 24 hours.',
      'If you did not ask for this, you can ignore this email.',
    ],
    url,
  )
  await queueEmail({ to, ...body, idempotencyKey: `account-token:${tokenId}` }, { tx })
}

export async function sendPasswordResetEmail(tx: DbOrTx, { to, name, token, tokenId }: { to: string; name: string; token: string; tokenId: string }) {
  const url = link('/reset-password', token)
  const body = message(
    'Reset your password',
    [
      `Dear ${echoToUnconfirmed(name)},`,
      'Someone asked to reset the password for your Commissioning Hub account. To choose a new password, open this link:',
      '{link}',
      'The link works once and expires in 1 hour.',
      'If you did not ask for this, you can ignore this email: your password has not changed.',
    ],
    url,
  )
  await queueEmail({ to, ...body, idempotencyKey: `account-token:${tokenId}` }, { tx })
}

export async function sendEmailChangedNotice(tx: DbOrTx, { to, name, newEmail, key }: { to: string; name: string; newEmail: string; key: string }) {
  const text = [
    `Dear ${name},`,
    `The email address for your Commissioning Hub account has been changed to ${newEmail}.`,
    'If you did not make this change, reset your password and contact the Category team.',
  ].join('\n\n')
  await queueEmail({ to, subject: 'Your email address has changed', text, idempotencyKey: `email-changed:${key}` }, { tx })
}

export async function sendPasswordChangedNotice(tx: DbOrTx, { to, name, key }: { to: string; name: string; key: string }) {
  const text = [`Dear ${name},`, 'The password for your Commissioning Hub account has been changed.', 'If you did not make this change, reset your password straight away.'].join('\n\n')
  await queueEmail({ to, subject: 'Your password has changed', text, idempotencyKey: `password-changed:${key}` }, { tx })
}

function page(path: string) {
  return new URL(path, config().APP_URL).toString()
}

/**
 * To the owner of an address someone tried to register again: the
 * registration page says "check your email" either way, so only the owner
 * learns the address has an account.
 */
export async function sendAlreadyRegisteredNotice(tx: DbOrTx, { to, name, key }: { to: string; name: string; key: string }) {
  const text = [
    `Dear ${name},`,
    'Someone tried to create a Commissioning Hub account with this email address. You already have an account, so nothing has changed.',
    `If it was you, sign in: ${page('/sign-in')}`,
    `If you have forgotten your password, reset it: ${page('/forgot-password')}`,
    'If it was not you, you can ignore this email.',
  ].join('\n\n')
  await queueEmail({ to, subject: 'You already have a Commissioning Hub account', text, idempotencyKey: `already-registered:${key}` }, { tx })
}

/** To the owner of an address another account asked to move to; the asker is told only to check that inbox. */
export async function sendAddressInUseNotice(tx: DbOrTx, { to, name, key }: { to: string; name: string; key: string }) {
  const text = [
    `Dear ${name},`,
    'Someone asked to change the email address of another Commissioning Hub account to this address. It is already used by your account, so nothing has changed.',
    `If you wanted to sign in, sign in here: ${page('/sign-in')}`,
    'If you do not know why this happened, you can ignore this email.',
  ].join('\n\n')
  await queueEmail({ to, subject: 'Your email address was given for another account', text, idempotencyKey: `address-in-use:${key}` }, { tx })
}

export async function sendRecoveryCodeUsedNotice(tx: DbOrTx, { to, name, remaining, key }: { to: string; name: string; remaining: number; key: string }) {
  const text = [
    `Dear ${name},`,
    `A recovery code was used to sign in to your Commissioning Hub account. You have ${remaining === 1 ? '1 recovery code' : `${remaining} recovery codes`} left.`,
    `You can create new recovery codes on your account page: ${page('/account/authenticator')}`,
    'If this was not you, reset your password straight away and tell the Category team.',
  ].join('\n\n')
  await queueEmail({ to, subject: 'A recovery code was used on your account', text, idempotencyKey: `recovery-code-used:${key}` }, { tx })
}
