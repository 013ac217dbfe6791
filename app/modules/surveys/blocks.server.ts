import { formatDateTime } from '~/lib/time'
import type { BlockLoader } from '~/modules/home/blocks'
import { respondedCount } from './availability.server'
import { listSurveys, openSurveys, phaseOf, PHASE_LABELS, publishedResults } from './surveys.server'
import { plural } from '~/lib/plural'
import { staffSurveyPath, surveyPath } from '~/lib/paths'

export const surveysHomeBlock: BlockLoader = async () => {
  const [open, published] = await Promise.all([openSurveys(), publishedResults()])
  return {
    id: 'surveys',
    title: 'Supplier surveys',
    summary: 'Each year the Supplier Survey gives providers the chance to feed back on how the Category is doing, and the results are published.',
    link: { href: '/surveys', text: 'See supplier surveys' },
    itemsHeading: open.length ? 'Open now' : 'Latest results',
    items: open.length
      ? open.slice(0, 3).map((s) => ({ href: surveyPath(s.slug), title: s.title, meta: `Closes at ${formatDateTime(s.closesAt!)}` }))
      : published.slice(0, 3).map((s) => ({ href: surveyPath(s.slug, 'results'), title: `${s.title}: results` })),
    emptyText: 'No survey is open and no results are published yet.',
  }
}

export const surveysStaffBlock: BlockLoader = async () => {
  const all = await listSurveys()
  const open = all.filter((s) => phaseOf(s) === 'open')
  const items = []
  for (const s of all.slice(0, 3)) {
    // Counted from who took part, so anonymous answers still sealed are counted too.
    const n = await respondedCount(s.id)
    items.push({ href: staffSurveyPath(s.id), title: s.title, meta: `${PHASE_LABELS[phaseOf(s)]}, ${plural(n, 'response')}` })
  }
  return {
    id: 'surveys',
    title: 'Supplier surveys',
    summary: 'Create the annual survey, invite organisations, follow the response rate and publish the results.',
    link: { href: '/staff/surveys', text: 'Manage surveys' },
    figures: [{ value: open.length, label: open.length === 1 ? 'survey open' : 'surveys open', href: '/staff/surveys' }],
    itemsHeading: 'Latest surveys',
    items,
    emptyText: 'No surveys yet.',
  }
}
