import { config } from '~/lib/config.server'
import type { DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { escapeHtml } from '~/lib/email-layout.server'

function link(path: string, token: string) {
  return new URL(`${path}?${new URLSearchParams({ token })}`, config().APP_URL).toString()
}

/** Plain paragraphs and one link, as text and as the same words in HTML (laid out by queueEmail). */
function message(subject: string, paragraphs: string[], url: string) {
  const text = paragraphs.map((p) => p.replace('{link}', url)).join('\n\n')
  const body = paragraphs
    .map((p) => `<p>${escapeHtml(p).replace('{link}', `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}</p>`)
    .join('\n')
  return { subject, text, html: body }
}

export async function sendVerificationEmail(tx: DbOrTx, { to, name, token, tokenId, change }: { to: string; name: string; token: string; tokenId: string; change?: boolean }) {
  const url = link('/verify-email', token)
  const body = message(
    'Confirm your email address',
    [
      `Dear ${name},`,
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
      `Dear ${name},`,
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
  const text = [`Dear ${name},`, 'The password for your Commissioning Hub account has been changed.', 'If you did not make this change, reset your password straight away.'].join(
    '\n\n',
  )
  await queueEmail({ to, subject: 'Your password has changed', text, idempotencyKey: `password-changed:${key}` }, { tx })
}
