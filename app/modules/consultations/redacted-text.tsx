/** What the public sees in place of words removed before publication. */
export const REDACTED = '[redacted]'

/** Published text with each "[redacted]" shown as a marked span, so readers see that words were removed. */
export function RedactedText({ text }: { text: string }) {
  const parts = text.split(REDACTED)
  return (
    <span className="app-consultation-text">
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? <strong className="app-redacted">{REDACTED}</strong> : null}
        </span>
      ))}
    </span>
  )
}
