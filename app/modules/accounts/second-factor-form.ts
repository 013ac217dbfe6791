import { z } from 'zod'

/** The 6 digits an authenticator app shows; spaces, as some apps display them, are ignored. */
export const authenticatorCodeSchema = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().min(1, { error: 'Enter the 6-digit code from your authenticator app' }).regex(/^\d{6}$/, { error: 'The code must be 6 numbers, like 123456' })),
  redirectTo: z.string().optional(),
})

export const recoveryCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: 'Enter one of your recovery codes' })
    .max(40, { error: 'A recovery code is 10 letters and numbers, like abcde-23456' }),
  redirectTo: z.string().optional(),
})

/** The two ways past the second sign-in step: a code from the authenticator app, or a recovery code. */
export type SecondFactorKind = 'authenticator' | 'recovery'
