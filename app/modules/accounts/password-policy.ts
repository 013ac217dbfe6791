import { z } from 'zod'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 128

/**
 * Long passwords that still top breach lists. Shorter ones are refused by the
 * length rule already, so only passwords of 12 or more characters matter here.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '111111111111',
  '000000000000',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password1234567',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopasdf',
  'qwertyuiopasdfghjkl',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'zxcvbnm12345',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'abcdefghijkl',
  'abc123abc123',
  'administrator',
  'administrator1',
  'changeme1234',
  'trustno1trustno1',
  'sunshine1234',
  'football1234',
  'baseball1234',
  'princess1234',
  'starwars1234',
  'monkey123456',
  'dragon123456',
  'superman1234',
  'correcthorsebatterystaple',
  'correct horse battery staple',
])

function isCommon(password: string): boolean {
  const folded = password.toLowerCase()
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/\s+/g, ''))) return true
  // One short chunk repeated ("abcabcabcabc") or a run of one character.
  if (/^(.{1,4})\1+$/.test(folded)) return true
  return false
}

export const PASSWORD_MESSAGES = {
  missing: 'Enter a password',
  tooShort: `Password must be ${MIN_PASSWORD_LENGTH} characters or more`,
  tooLong: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`,
  common: 'Password is too easy to guess. Use a password that is harder to guess, such as 3 random words',
}

/** The rule for every new password: registration, reset and change. Never trimmed: spaces count. */
export const newPassword = (missing = PASSWORD_MESSAGES.missing) =>
  z
    .string({ error: missing })
    .min(1, { error: missing })
    .superRefine((value, ctx) => {
      if (value.length < MIN_PASSWORD_LENGTH) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.tooShort })
      else if (value.length > MAX_PASSWORD_LENGTH) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.tooLong })
      else if (isCommon(value)) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.common })
    })

/** A password someone already has: only checked for presence (and a sane size, so hashing stays cheap). */
export const currentPassword = (missing = 'Enter your password') => z.string({ error: missing }).min(1, { error: missing }).max(1024, { error: 'Enter a correct password' })
