import { z } from 'zod'

/** Field schemas with the messages people see, shared by every form. */

const asArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])

export const requiredText = (message: string, { max = 500, maxMessage }: { max?: number; maxMessage?: string } = {}) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: maxMessage ?? `${message.replace(/^Enter /, '').replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer` })

export const optionalText = (label: string, max = 5000) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .optional()
    .transform((v) => v ?? '')

export const email = (message = 'Enter an email address in the correct format, like name@example.com') =>
  z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .toLowerCase()
    .pipe(z.email({ error: message }))

export const choice = <T extends readonly [string, ...string[]]>(options: T, message: string) => z.enum(options, { error: message })

export const choices = <T extends readonly [string, ...string[]]>(options: T, message?: string) => {
  const list = z.array(z.enum(options, { error: 'Select only options from the list' }))
  return z.preprocess(asArray, message ? list.min(1, { error: message }) : list)
}

export const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, { error: `${label} must be 2000 characters or fewer` })
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), {
      error: `Enter ${label.toLowerCase()} in the correct format, like https://www.example.org`,
    })

export const wholeNumber = (label: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .trim()
    .min(1, { error: `Enter ${label.toLowerCase()}` })
    .regex(/^-?\d+$/, { error: `${label} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min, { error: `${label} must be ${min} or more` })
    .refine((n) => n <= max, { error: `${label} must be ${max} or fewer` })
