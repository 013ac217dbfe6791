import crypto from 'node:crypto'
import { db } from '~/lib/db.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { emailHtml, emailText } from '~/modules/newsletters/render.server'
import { campaignFor } from '~/modules/newsletters/newsletters.server'
import { mailDeliveries, newsletters, subscribers, type NewsletterBlock, type SubscriptionTopic } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import type { seedAccounts } from './accounts'

type Accounts = Awaited<ReturnType<typeof seedAccounts>>

/**
 * Past issues of the quarterly Employment Category Newsletter, promised in
 * the Employment Provision Commissioning Strategy ("We will continue to issue
 * an Employment Category Newsletter on a quarterly basis to current and
 * potential suppliers"). Their text restates that document's commitments.
 */
const ISSUES: Array<{ slug: string; title: string; summary: string; sentAt: string; body: string; blocks?: NewsletterBlock[] }> = [
  {
    slug: 'employment-category-newsletter-spring-2026',
    title: 'Employment Category Newsletter: spring 2026',
    summary: 'Our commissioning strategy in brief: a diverse, open and vibrant market, and how we will publish our commercial pipeline.',
    sentAt: '2026-04-14T09:00:00Z',
    body: `Welcome to the Employment Category Newsletter. We will keep issuing it every quarter to current and potential suppliers.

## A diverse, open and vibrant market

To achieve strong and sustainable performance and quality services we need a diverse, open and vibrant market at all levels, with the public, private, voluntary, community and social enterprise sectors delivering.

## The commercial pipeline

We will systematically publish the commercial pipeline, so that interested parties can plan and build capacity, capability, alliances and partnerships, and have time to build credible scenarios and evidence to support their proposals.

- Every opportunity uses CPV code 80000000 as its base code, so you can find our procurements quickly.
- Where we commission at the largest scale we expect to use a prime contractor model with locally tailored delivery.

## Tell us what you think

We publish a Supplier Survey every year. Watch this newsletter for the next one.`,
  },
  {
    slug: 'employment-category-newsletter-summer-2026',
    title: 'Employment Category Newsletter: summer 2026',
    summary: 'Social value in our tenders, the Test and Learn Dynamic Purchasing System, and a level playing field for smaller organisations.',
    sentAt: '2026-07-14T09:00:00Z',
    body: `## Social value

Social value forms a fundamental part of our commissioning strategy. We will be clear about our social value expectations and how they will be assessed in tender evaluation and throughout the contract.

## Test and Learn Dynamic Purchasing System

We will test innovative ways of delivering specialist services through a Test and Learn Dynamic Purchasing System. It lets us respond to new ideas from the marketplace and invites suppliers to play an active part in shaping future provision.

## A level playing field

Acting alone, the smallest organisations cannot compete for large prime contracts, so minimising barriers to entry is a priority. We will work with trade bodies and membership organisations on capability building, with a focus for smaller organisations on finance, risk and bid writing.`,
  },
  {
    slug: 'employment-category-newsletter-autumn-2026',
    title: 'Employment Category Newsletter: autumn 2026',
    summary: 'How we decide whether to deliver, buy or combine, contract lengths and Contract Package Areas, and what is open now.',
    sentAt: '2026-10-13T09:00:00Z',
    body: `## Delivery model assessment

Before we commission, a delivery model assessment (previously called a make or buy decision) looks at the evidence on whether a service should be delivered in-house, bought from the market, or a hybrid of the two.

## Contracts you can invest in

Contracts should be long enough to give suppliers the security to invest and to develop their delivery models and partnerships. Contract Package Areas rarely match every partner's boundaries, so we will design structures that encourage co-commissioning and joint working.

## Share what works

The What Works forum on the hub lets primes and their supply chains post and rate case studies. Tell us which claimant groups you supported and what outcomes you achieved.`,
  },
]

const SUBSCRIBERS: Array<{ email: string; status: 'confirmed' | 'pending'; topics: SubscriptionTopic[] }> = [
  { email: 'bids@northern-pathways.example', status: 'confirmed', topics: ['newsletter', 'pipeline'] },
  { email: 'partnerships@coastal-skills-trust.example', status: 'confirmed', topics: ['newsletter', 'consultations', 'case_studies'] },
  { email: 'commercial@midlands-employment-alliance.example', status: 'confirmed', topics: ['newsletter', 'pipeline', 'consultations'] },
  { email: 'info@bridge-to-work-cic.example', status: 'confirmed', topics: ['newsletter'] },
  { email: 'tenders@capital-careers-group.example', status: 'pending', topics: ['newsletter'] },
]

export async function seedNewsletters(accounts: Accounts) {
  await db.transaction(async (tx) => {
    const people = [...SUBSCRIBERS, { email: accounts.member.email, status: 'confirmed' as const, topics: ['newsletter', 'consultations'] as SubscriptionTopic[] }]
    const rows = await tx
      .insert(subscribers)
      .values(
        people.map((p) => ({
          email: p.email,
          status: p.status,
          topics: p.topics,
          userId: p.email === accounts.member.email ? accounts.member.id : null,
          token: crypto.randomBytes(32).toString('base64url'),
          createdAt: new Date('2026-03-01T10:00:00Z'),
          confirmationSentAt: new Date('2026-03-01T10:00:00Z'),
          confirmedAt: p.status === 'confirmed' ? new Date('2026-03-01T10:05:00Z') : null,
        })),
      )
      .returning()
    // Everyone who had confirmed the newsletter got each issue, as a real send records it.
    const recipients = rows.filter((r) => r.status === 'confirmed' && r.topics.includes('newsletter'))
    for (const issue of ISSUES) {
      const body = richTextFromDocument(documentFromPlainText(issue.body), { images: true })
      const sentAt = new Date(issue.sentAt)
      const [row] = await tx
        .insert(newsletters)
        .values({
          slug: issue.slug,
          title: issue.title,
          summary: issue.summary,
          bodyJson: body.json,
          bodyHtml: body.html,
          bodyText: body.text,
          blocks: issue.blocks ?? [],
          status: 'sent',
          scheduledAt: sentAt,
          sentAt,
          completedAt: new Date(sentAt.getTime() + 5 * 60_000),
          issueHtml: body.html,
          issueText: body.text,
          recipientCount: recipients.length,
          createdById: accounts.staff.id,
        })
        .returning({ id: newsletters.id })
      const full = { title: issue.title, summary: issue.summary, slug: issue.slug, sentAt, html: body.html, text: body.text }
      const deliveredAt = new Date(sentAt.getTime() + 60_000)
      await tx.insert(mailDeliveries).values(
        recipients.map((r) => ({
          idempotencyKey: `${campaignFor(row.id)}:${r.id}`,
          toAddress: r.email,
          subject: issue.title,
          textBody: emailText(full, r.token),
          htmlBody: emailHtml(full, r.token),
          campaign: campaignFor(row.id),
          status: 'sent' as const,
          attempts: 1,
          sentAt: deliveredAt,
          createdAt: sentAt,
          updatedAt: deliveredAt,
        })),
      )
      await queueIndexing(tx, 'newsletters', row.id)
    }
  })
}
