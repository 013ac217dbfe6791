import { plural } from '~/lib/plural'
import type { PipelineNotice } from '~db/schema'
import { formatKeyDate, formatValueRange, isOpen, ROUTE_LABELS } from './model'

/**
 * The pipeline timeline: open notices by the calendar quarter of their
 * planned tender notice, across the next 18 months. Every one of the six
 * quarters is listed in order, empty or not, so a gap in the pipeline shows
 * as a gap rather than disappearing.
 */

export const TIMELINE_QUARTERS = 6

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

type Quarter = { key: string; label: string; from: string; to: string }

/** "2027-01-01" for month index 0 of 2027, months counted on past December. */
function firstOfMonth(year: number, monthIndex: number) {
  const y = year + Math.floor(monthIndex / 12)
  const m = ((monthIndex % 12) + 12) % 12
  return `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** The six calendar quarters from the one `today` falls in, labelled by their months: "January to March 2027". */
export function nextQuarters(today: Date, count = TIMELINE_QUARTERS): Quarter[] {
  const year = today.getUTCFullYear()
  const start = Math.floor(today.getUTCMonth() / 3) * 3
  return Array.from({ length: count }, (_, i) => {
    const first = start + i * 3
    const from = firstOfMonth(year, first)
    const to = firstOfMonth(year, first + 3)
    const y = Number(from.slice(0, 4))
    const m = Number(from.slice(5, 7)) - 1
    return { key: from.slice(0, 7), label: `${MONTHS[m]} to ${MONTHS[m + 2]} ${y}`, from, to }
  })
}

export type TimelineItem = { slug: string; title: string; status: PipelineNotice['status']; route: string; value: string; tender: string; start: string }

function itemOf(n: PipelineNotice): TimelineItem {
  return {
    slug: n.slug,
    title: n.title,
    status: n.status,
    route: ROUTE_LABELS[n.route],
    value: formatValueRange(n.valueMinPence, n.valueMaxPence),
    tender: formatKeyDate(n.tenderNoticeDate, n.tenderNoticePrecision),
    start: formatKeyDate(n.serviceStartDate, n.serviceStartPrecision),
  }
}

export type Timeline = {
  quarters: Array<{ key: string; label: string; count: string; items: TimelineItem[] }>
  /** Open notices whose planned tender notice date has passed (most have been tendered). */
  earlier: { label: string; items: TimelineItem[] }
  later: { label: string; items: TimelineItem[] }
  unknown: { label: string; items: TimelineItem[] }
  summary: string
}

export function buildTimeline(notices: PipelineNotice[], today: Date): Timeline {
  const quarters = nextQuarters(today)
  const first = quarters[0]!
  const horizon = quarters.at(-1)!
  const open = notices.filter((n) => isOpen(n.status)).sort((a, b) => (a.tenderNoticeDate ?? '9999').localeCompare(b.tenderNoticeDate ?? '9999') || a.title.localeCompare(b.title))
  const within = (n: PipelineNotice, q: Quarter) => Boolean(n.tenderNoticeDate && n.tenderNoticeDate >= q.from && n.tenderNoticeDate < q.to)
  const inQuarters = quarters.map((q) => {
    const items = open.filter((n) => within(n, q)).map(itemOf)
    return { key: q.key, label: q.label, count: items.length ? plural(items.length, 'procurement') : 'No procurements', items }
  })
  const planned = inQuarters.reduce((sum, q) => sum + q.items.length, 0)
  const month = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`
  return {
    quarters: inQuarters,
    earlier: { label: `Planned before ${month(first.from)}`, items: open.filter((n) => n.tenderNoticeDate && n.tenderNoticeDate < first.from).map(itemOf) },
    later: { label: `From ${month(horizon.to)}`, items: open.filter((n) => n.tenderNoticeDate && n.tenderNoticeDate >= horizon.to).map(itemOf) },
    unknown: { label: 'Tender notice date not yet known', items: open.filter((n) => !n.tenderNoticeDate).map(itemOf) },
    summary: `${plural(planned, 'procurement')} planned to publish a tender notice between ${month(first.from)} and ${month(firstOfMonth(Number(horizon.to.slice(0, 4)), Number(horizon.to.slice(5, 7)) - 2))}.`,
  }
}
