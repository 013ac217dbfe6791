/** Times are stored in UTC and shown and entered in Europe/London. */
export const LONDON = 'Europe/London'

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' })
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

export function formatDate(date: Date | string): string {
  return dateFormat.format(new Date(date))
}

/**
 * GOV.UK style, in London time: "9am", "5:30pm", "12:31pm", "12:05am",
 * "midday", "midnight". Built from the clock's parts rather than Intl's
 * 12-hour output, which writes the hour after midday as "0".
 */
export function formatTime(date: Date | string): string {
  const { hour, minute } = londonParts(date)
  if (minute === 0 && hour === 0) return 'midnight'
  if (minute === 0 && hour === 12) return 'midday'
  const clock = hour % 12 === 0 ? 12 : hour % 12
  return `${clock}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`
}

/** GOV.UK style: "11:59pm on 5 March 2026", "midday on 1 June 2026". */
export function formatDateTime(date: Date | string): string {
  return `${formatTime(date)} on ${formatDate(date)}`
}

/** The date first, for a sentence that leads with the day: "Scheduled to send on 5 March 2027 at 9am". */
export function formatDateAtTime(date: Date | string): string {
  return `${formatDate(date)} at ${formatTime(date)}`
}

export function londonParts(date: Date | string) {
  const parts = Object.fromEntries(partsFormat.formatToParts(new Date(date)).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** The date's form fields, for re-showing a saved date-time in a date input. */
export function toDateParts(date: Date | string | null | undefined) {
  if (!date) return undefined
  const p = londonParts(date)
  return {
    day: String(p.day),
    month: String(p.month),
    year: String(p.year),
    time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
  }
}

/**
 * The instant when London's wall clock shows the given time. The offset is
 * found by asking what London shows at the naive UTC guess and correcting,
 * which is exact across BST changes except inside the skipped spring hour.
 */
export function fromLondon(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  const shown = londonParts(new Date(guess))
  const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute)
  const offset = shownAsUtc - guess
  const result = new Date(guess - offset)
  const check = londonParts(result)
  if (check.hour !== hour) return new Date(guess - (Date.UTC(check.year, check.month - 1, check.day, check.hour, check.minute) - guess))
  return result
}

/** Whole days from now until a deadline, counted on London calendar days. */
export function daysUntil(deadline: Date | string, now = new Date()): number {
  const a = londonParts(now)
  const b = londonParts(deadline)
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000)
}

export type DateInputResult = { ok: true; date: Date } | { ok: false; message: string }

/** Reads a GOV.UK date input (name-day, name-month, name-year, optional name-time). */
export function parseDateInput(values: Record<string, unknown>, name: string, label: string, { withTime = false } = {}): DateInputResult {
  const get = (part: string) => String(values[`${name}-${part}`] ?? '').trim()
  const [day, month, year, time] = [get('day'), get('month'), get('year'), get('time')]
  if (!day && !month && !year) return { ok: false, message: `Enter ${label.toLowerCase()}` }
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
  if (missing.length) return { ok: false, message: `${label} must include a ${missing.join(' and ')}` }
  if (![day, month, year].every((v) => /^\d+$/.test(v)) || year.length !== 4) {
    return { ok: false, message: `${label} must be a real date` }
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const probe = new Date(Date.UTC(y, m - 1, d))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return { ok: false, message: `${label} must be a real date` }
  }
  let hour = 0
  let minute = 0
  if (withTime) {
    const match = /^(\d{1,2})[:.](\d{2})$/.exec(time)
    if (!time) return { ok: false, message: `${label} must include a time` }
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
      return { ok: false, message: `${label} time must be a real time in 24-hour format, like 17:00` }
    }
    hour = Number(match[1])
    minute = Number(match[2])
  }
  return { ok: true, date: fromLondon(y, m, d, hour, minute) }
}
