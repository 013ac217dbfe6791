import { count } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { BlockLoader } from '~/modules/home/blocks'
import { caseStudies } from '~db/schema'
import { publiclyVisible } from './case-studies.server'
import { latestCaseStudies } from './list.server'
import { openReportCount, openReports } from './moderation.server'
import { caseStudyPath, caseStudyReportPath } from '~/lib/paths'

export const caseStudiesHomeBlock: BlockLoader = async ({ signedIn }) => {
  const [{ total }] = await db.select({ total: count() }).from(caseStudies).where(publiclyVisible)
  const latest = await latestCaseStudies(3)
  return {
    id: 'what-works',
    title: 'What Works',
    summary: 'Primes and their supply chains post and rate case studies on what works: which claimant groups were supported, what outcomes were sought and achieved, and over what period.',
    link: { href: '/what-works', text: 'Read case studies' },
    figures: [{ value: total, label: total === 1 ? 'published case study' : 'published case studies', href: '/what-works' }],
    itemsHeading: 'Latest case studies',
    items: latest.map((c) => ({ href: caseStudyPath(c.slug), title: c.title, meta: c.organisationName })),
    emptyText: 'No case studies have been published yet.',
    extraLinks: [
      { href: '/what-works/compare', text: 'Compare outcomes' },
      ...(signedIn
        ? [
            { href: '/what-works/new', text: 'Post a case study' },
            { href: '/what-works/yours', text: 'Your organisations’ case studies' },
          ]
        : []),
    ],
  }
}

/** Reports waiting for a moderator, oldest first. */
export const caseStudiesStaffBlock: BlockLoader = async () => {
  const waiting = await openReportCount()
  const oldest = (await openReports()).slice(0, 5)
  return {
    id: 'what-works',
    title: 'What Works',
    summary: 'Reported case studies and comments wait here until staff hide them or leave them up.',
    link: { href: '/staff/what-works/reports', text: 'Moderate reports' },
    figures: [{ value: waiting, label: waiting === 1 ? 'report awaiting moderation' : 'reports awaiting moderation', href: '/staff/what-works/reports' }],
    itemsHeading: 'Oldest reports',
    items: oldest.map((r) => ({ href: caseStudyReportPath(r.id), title: r.commentId ? `Comment on ${r.caseStudyTitle}` : r.caseStudyTitle, meta: r.reason })),
    emptyText: 'No reports are waiting.',
    extraLinks: [{ href: '/staff/what-works/hidden', text: 'Hidden case studies and comments' }],
  }
}
