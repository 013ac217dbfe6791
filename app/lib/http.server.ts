/** Throws a GOV.UK-styled error response when a condition fails. */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 404 }): asserts condition {
  if (!condition) throw new Response(message, init)
}

/** Only same-site paths are followed, so a crafted link cannot send people elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/\t/evil.example" leaves the site.
  // A Location header carries only Latin-1, and every path here is ASCII: anything else is not a path we made.
  if (/[^\u0020-\u007e]|\\/.test(to)) return fallback
  return to
}

/** A page number from the address: anything but a whole number from 1 to 100,000 is page 1, so no offset can overflow. */
export function pageNumber(value: string | null): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1
}
