import { z } from 'zod'
import { optionalText, optionalUrl, requiredText, wholeNumber } from '~/lib/fields'
import { issuesToErrors, type FieldErrors, type FormValues } from '~/lib/forms'
import { formatDate, formatTime, fromLondon, londonParts, parseDateInput } from '~/lib/time'

/** Market engagement events: the form staff fill in, and how an event's time reads. Safe for the browser. */

export const MAX_EVENT_CAPACITY = 1000

export type EventInput = {
  title: string
  startsAt: Date
  endsAt: Date
  place: string
  onlineUrl: string
  capacity: number
  description: string
}

const schema = z.object({
  title: requiredText('Enter the event’s title', { max: 200 }),
  place: optionalText('Place', 500),
  onlineUrl: optionalUrl('Online link'),
  capacity: wholeNumber('Number of places', { min: 1, max: MAX_EVENT_CAPACITY }),
  description: optionalText('Description', 2000),
})

/** Reads the staff form: the date and start time as a GOV.UK date input, the end as a time on the same day. */
export function parseEventForm(values: FormValues): { ok: true; input: EventInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const parsed = schema.safeParse(values)
  if (!parsed.success) Object.assign(errors, issuesToErrors(parsed.error.issues))
  const start = parseDateInput(values, 'startsAt', 'Date and start time', { withTime: true })
  if (!start.ok) errors.startsAt = start.message
  const endTime = String(values.endTime ?? '').trim()
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(endTime)
  let endsAt: Date | null = null
  if (!endTime) errors.endTime = 'Enter the end time'
  else if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) errors.endTime = 'End time must be a real time in 24-hour format, like 17:00'
  else if (start.ok) {
    const day = londonParts(start.date)
    endsAt = fromLondon(day.year, day.month, day.day, Number(match[1]), Number(match[2]))
    if (endsAt <= start.date) errors.endTime = 'End time must be after the start time'
  }
  const place = String(values.place ?? '').trim()
  const onlineUrl = String(values.onlineUrl ?? '').trim()
  if (!place && !onlineUrl) errors.place = 'Enter where the event is, or an online link, or both'
  if (onlineUrl && !errors.onlineUrl && !onlineUrl.startsWith('https://')) errors.onlineUrl = 'Online link must start with https://'
  if (Object.keys(errors).length || !parsed.success || !start.ok || !endsAt) return { ok: false, errors }
  return { ok: true, input: { ...parsed.data, onlineUrl: parsed.data.onlineUrl ?? '', startsAt: start.date, endsAt } }
}

/** "9:30am to 11am on 29 January 2027", in London time. */
export function formatEventTime(startsAt: Date | string, endsAt: Date | string) {
  if (formatDate(startsAt) !== formatDate(endsAt)) return `${formatTime(startsAt)} on ${formatDate(startsAt)} to ${formatTime(endsAt)} on ${formatDate(endsAt)}`
  return `${formatTime(startsAt)} to ${formatTime(endsAt)} on ${formatDate(startsAt)}`
}

/** Where the event is, for a page or an email: the place, the online link, or both. */
export function eventWhere(event: { place: string; onlineUrl: string }) {
  if (event.place && event.onlineUrl) return `${event.place}, or online`
  return event.place || 'Online'
}

export function placesLeftText(capacity: number, taken: number) {
  const left = Math.max(0, capacity - taken)
  if (!left) return 'Fully booked'
  return `${left} of ${capacity} ${capacity === 1 ? 'place' : 'places'} left`
}
