/**
 * Calendar files (iCalendar, RFC 5545) for a single event. Times are written
 * in UTC ("Z" form) so no time zone definition is needed; text is escaped
 * and lines are folded at 75 octets, as calendar programs expect.
 */

export type CalendarEvent = {
  /** Stable across updates, so a calendar replaces the event instead of adding a second one. */
  uid: string
  /** Counts revisions of the event; a higher one supersedes what the calendar holds. */
  sequence: number
  start: Date
  end: Date
  summary: string
  description?: string
  location?: string
  url?: string
  cancelled?: boolean
  /** When this file was made (DTSTAMP). */
  stamp?: Date
}

/** 20270129T093000Z */
export function icsTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** TEXT values: backslash, semicolon and comma are escaped, line breaks become \n (RFC 5545 3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n')
}

/**
 * Folds a content line so no line is longer than 75 octets of UTF-8,
 * continuing with CRLF and a space, never splitting a character (RFC 5545 3.1).
 */
const encoder = new TextEncoder()

export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = encoder.encode(ch).length
    // Continuation lines start with a space, which counts towards their 75.
    const limit = parts.length ? 74 : 75
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Employment Category//Commissioning Hub//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsTime(event.stamp ?? new Date())}`,
    `DTSTART:${icsTime(event.start)}`,
    `DTEND:${icsTime(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    ...(event.location ? [`LOCATION:${icsText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.description ? [`DESCRIPTION:${icsText(event.description)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
