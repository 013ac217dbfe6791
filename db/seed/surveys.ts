import { eq, inArray } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { fromLondon } from '~/lib/time'
import { createSubmission, readAnswers, saveAnswers, validateAnswers } from '~/modules/questionnaires/answers.server'
import { flushSealedAnswers, sealAnswers } from '~/modules/surveys/sealed-answers.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { slugify } from '~/lib/slug'
import { publishResultsSummary } from '~/modules/surveys/publication.server'
import { addSurveyQuestion, addSurveySection } from '~/modules/surveys/authoring.server'
import { createSurvey, londonDay, updateSurveyDates } from '~/modules/surveys/surveys.server'
import type { Actor } from '~/lib/actor'
import { organisations, questionnaireSubmissions, surveyInvitations, surveyParticipations, surveyResponses, type Sector, type SizeBand, type Survey } from '~db/schema'
import type { seedAccounts } from './accounts'
import { DEMO_ORGANISATIONS } from './organisations'

/**
 * The annual Supplier Survey the 2008 strategy promised ("publish a Supplier
 * Survey on an annual basis"; "give providers the chance to feedback to us on
 * how we are doing"), asking about the 2013 strategy's principles: market
 * structure and stewardship, driving performance and working in partnership.
 * 2026 copies 2025, so its questions are linked and compared.
 */
const PAGES = [
  {
    title: 'How we are doing',
    questions: [
      { type: 'rating', text: 'How likely are you to recommend bidding for Employment Category contracts to another provider?', required: true },
      { type: 'agree_scale', text: 'The Category gives suppliers the chance to feed back on how it is doing' },
      { type: 'agree_scale', text: 'The commercial pipeline is published early enough for us to plan capacity, capability, alliances and partnerships' },
    ],
  },
  {
    title: 'Market stewardship, partnership and performance',
    questions: [
      {
        type: 'ranking',
        text: 'Put the principles of the 2013 Commissioning Strategy in order of where the Category most needs to improve',
        options: ['Market structure and stewardship', 'Driving performance', 'Working in partnership'],
      },
      { type: 'single_choice', text: 'How often do you speak to your Category contract or performance manager?', options: ['Every week', 'Every month', 'Every quarter', 'Less often'] },
      { type: 'long_text', text: 'What one change would most improve how the Category works with its suppliers?' },
    ],
  },
] as const

const COMMENTS = [
  'Publish the pipeline further ahead so we can build supply chain partnerships before the tender.',
  'Performance reviews focus on the numbers; we would value more discussion of what is working for claimants.',
  'Payment timetables are hard on small subcontractors. Please share what primes are paid and when.',
  'The market stewardship role is welcome, but tell us how you decide when a market has too few providers.',
  'More notice of changes to the Code of Conduct and the Merlin Standard assessment cycle.',
  'Joint events with Jobcentre Plus districts helped us understand local partnerships.',
  'Clearer guidance on social value in bids, as the Social Value Act now requires.',
  'Feedback after unsuccessful bids has improved and is genuinely useful.',
]

/** A small deterministic generator, so the demo looks the same every time. */
function generator(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
}

const AGREE = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree']

async function addPages(staff: Actor, survey: Survey) {
  for (const page of PAGES) {
    const section = await addSurveySection(survey, page.title)
    for (const q of page.questions) {
      await addSurveyQuestion(staff, survey, {
        sectionId: section.id,
        type: q.type,
        text: q.text,
        hint: '',
        required: 'required' in q ? q.required : false,
        optionLabels: 'options' in q ? [...q.options] : [],
      })
    }
  }
}

/** Responses from people at the demo organisations, as if each had answered through the pages. */
async function addResponses(survey: Survey, orgs: Array<{ id: string; sector: Sector; sizeBand: SizeBand }>, { perOrganisation, mood, day }: { perOrganisation: number; mood: number; day: Date }) {
  const structure = (await getStructure(db, survey.questionnaireId))!
  const random = generator(survey.year)
  let n = 0
  for (const org of orgs) {
    for (let i = 0; i < perOrganisation; i++) {
      n += 1
      const when = new Date(day.getTime() + n * 3_600_000)
      const pick = <T>(list: readonly T[], shift = 0) => list[Math.min(list.length - 1, Math.max(0, Math.floor(random() * list.length + shift)))]
      const values: Record<string, string | string[]> = {}
      for (const q of structure.questions) {
        const name = fieldName(q.id)
        if (q.type === 'rating') values[name] = String(Math.min(10, Math.max(0, Math.round(4 + mood * 3 + (random() - 0.5) * 6))))
        else if (q.type === 'agree_scale') values[name] = pick(AGREE, -mood)
        else if (q.type === 'ranking') {
          const order = q.options.map((o) => o.value)
          // Most, not all, put market stewardship first; the happier the year, the fewer who differ.
          const first = random() < 0.3 + mood * 0.4 ? 0 : Math.floor(random() * order.length)
          values[name] = [order[first], ...order.filter((_, j) => j !== first).sort(() => random() - 0.5)]
        } else if (q.type === 'single_choice')
          values[name] = pick(
            q.options.map((o) => o.value),
            mood - 0.5,
          )
        else if (q.type === 'long_text' && random() < 0.6) values[name] = pick(COMMENTS)
      }
      const result = validateAnswers(structure.questions, values, { enforceRequired: true })
      if (!result.ok) throw new Error(`Demo survey answers are invalid: ${JSON.stringify(result.errors)}`)
      await db.transaction(async (tx) => {
        const draft = await createSubmission(tx, survey.questionnaireId, { id: null, name: 'Demo respondent' })
        await saveAnswers(tx, draft.id, result.answers, { id: null, name: 'Demo respondent' })
        if (survey.anonymous) {
          await sealAnswers(tx, survey.id, org, Object.values(await readAnswers(tx, draft.id)))
          await tx.delete(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, draft.id))
        } else {
          await tx.insert(surveyResponses).values({ submissionId: draft.id, surveyId: survey.id, sector: org.sector, sizeBand: org.sizeBand, submittedOn: londonDay(when) })
        }
        await tx.insert(surveyParticipations).values({
          surveyId: survey.id,
          respondentKey: `person:demo-${org.id}-${i}`,
          organisationId: org.id,
          submissionId: survey.anonymous ? null : draft.id,
          status: 'submitted',
          submittedOn: londonDay(when),
        })
      })
    }
  }
}

export async function seedSurveys(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const staff = { id: accounts.staff.id, email: accounts.staff.email, name: accounts.staff.name }
  const slugs = DEMO_ORGANISATIONS.map((o) => slugify(o.name, 'organisation'))
  const orgs = await db.select({ id: organisations.id, sector: organisations.sector, sizeBand: organisations.sizeBand }).from(organisations).where(inArray(organisations.slug, slugs))

  const common = {
    summary: 'Your chance to feed back to the Employment Category on how we are doing.',
    audience: 'invited_organisations' as const,
    respondAs: 'person' as const,
    minGroupSize: 5,
    opensAt: null,
    closesAt: null,
  }
  let y2025 = await createSurvey(staff, { ...common, title: 'Supplier Survey 2025', year: 2025, anonymous: false })
  await addPages(staff, y2025)
  let y2026 = await createSurvey(staff, { ...common, title: 'Supplier Survey 2026', year: 2026, anonymous: true, copyFromId: y2025.id })
  const section = (await getStructure(db, y2026.questionnaireId))!.sections[1]
  await addSurveyQuestion(staff, y2026, {
    sectionId: section.id,
    type: 'rating',
    text: 'How well does the Category act as a steward of the market, keeping it open to providers of every size?',
    hint: '0 is not at all well, 10 is extremely well.',
    required: false,
    optionLabels: [],
  })
  y2025 = await updateSurveyDates(staff, y2025.id, { opensAt: fromLondon(2025, 3, 3, 9), closesAt: fromLondon(2025, 3, 31, 17) })
  y2026 = await updateSurveyDates(staff, y2026.id, { opensAt: fromLondon(2026, 3, 2, 9), closesAt: fromLondon(2026, 3, 30, 17) })
  for (const survey of [y2025, y2026]) {
    await db.insert(surveyInvitations).values(orgs.map((o) => ({ surveyId: survey.id, organisationId: o.id, invitedById: staff.id, createdAt: survey.opensAt! })))
  }
  // Three people at each organisation in 2025; more, and happier, in 2026.
  await addResponses(y2025, orgs, { perOrganisation: 3, mood: 0.2, day: fromLondon(2025, 3, 5, 9) })
  await addResponses(y2026, orgs, { perOrganisation: 3, mood: 0.8, day: fromLondon(2026, 3, 4, 9) })
  await flushSealedAnswers(y2026.id, { everything: true })

  const q2025 = (await getStructure(db, y2025.questionnaireId))!.questions
  await publishResultsSummary(
    staff,
    y2025,
    {
      summary: richTextFromDocument(
        documentFromPlainText(
          '## What you told us\n\nThank you to everyone who responded to the first annual Supplier Survey. You told us the commercial pipeline is not published early enough to build partnerships, and that market stewardship is where we most need to improve.\n\n## What we will do\n\n- Publish pipeline notices at least six months before procurement starts\n- Explain how we judge the health of each market\n- Report back on these actions in next year’s survey',
        ),
      ),
      chartQuestionIds: [q2025[0].id, q2025[2].id, q2025[3].id],
    },
    fromLondon(2025, 5, 12, 10),
  )
  const q2026 = (await getStructure(db, y2026.questionnaireId))!.questions
  await publishResultsSummary(
    staff,
    y2026,
    {
      summary: richTextFromDocument(
        documentFromPlainText(
          '## What changed since 2025\n\nMore of you would recommend bidding for our contracts, and more of you agree the pipeline is published early enough to plan. Market stewardship is still where you most want us to improve.\n\nThis year’s survey was anonymous: we know which organisations took part, but not who said what.',
        ),
      ),
      chartQuestionIds: [q2026[0].id, q2026[1].id, q2026[2].id, q2026[3].id],
    },
    fromLondon(2026, 5, 11, 10),
  )
}
