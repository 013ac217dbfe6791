import { TextInput } from './text-input'

type Props = {
  /** Changes with every answer from the server, so a refused code is not left in the box. */
  resetKey: string
  label: string
  hint: string
  error?: string
  isPageHeading?: boolean
  kind?: 'authenticator' | 'recovery'
}

/** The box for a one-time code: the 6 digits an authenticator app shows, or a recovery code. */
export function CodeField({ resetKey, label, hint, error, isPageHeading = false, kind = 'authenticator' }: Props) {
  const input =
    kind === 'authenticator' ? ({ width: 5, inputMode: 'numeric', autoComplete: 'one-time-code' } as const) : ({ width: 10, autoComplete: 'off', autoCapitalize: 'none' } as const)
  return (
    <TextInput
      key={resetKey}
      name="code"
      label={label}
      labelSize={isPageHeading ? 'l' : undefined}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
      spellCheck={false}
      {...input}
    />
  )
}
