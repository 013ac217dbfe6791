import { eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { fromLondon } from '~/lib/time'
import { createConsultation, publishConsultation } from '~/modules/consultations/consultations.server'
import { approveForPublication, publicationQueue, redactAnswer, releaseResponses, withholdFromPublication } from '~/modules/consultations/publication.server'
import { newReference } from '~/modules/consultations/responses.server'
import { checkForCampaigns } from '~/modules/consultations/campaigns.server'
import { addConsultationDocument } from '~/modules/consultations/documents.server'
import { DOCUMENT_KINDS } from '~/modules/files/file-types'
import { checkUpload } from '~/modules/files/files.server'
import { samplePdf } from './sample-documents'
import { createSubmission, saveAnswers, type AnswerInput } from '~/modules/questionnaires/answers.server'
import { addTheme, setAnswerThemes } from '~/modules/questionnaires/themes.server'
import { addQuestion, addSection, getStructure, lockQuestionnaire } from '~/modules/questionnaires/structure.server'
import { consultationOutcomeAnswers, consultationResponses, consultations, organisations, type Consultation, type ConsultationPages, type PublishingConsent } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import type { seedAccounts } from './accounts'

/**
 * Consultations from the seed documents: the DWP Commissioning Strategy 2013
 * consultation exactly as published (Q1–Q14 in its three sections, with its
 * "about this consultation" text), closed, with demo responses to analyse;
 * an open consultation on the Employment Provision Commissioning Strategy's
 * five core aims, with the strategy's text on those aims as its paper and an
 * easy-read version; and an upcoming one on the Work Programme Building Best
 * Practice group's recommendations.
 */

export const COMMISSIONING_STRATEGY_2013_SECTIONS = [
  {
    title: 'Market structure and stewardship',
    intro: 'DWP is seeking to build a vibrant, diverse and sustainable market for welfare-to-work services which creates the conditions for more effective competition.',
    questions: [
      'How should DWP balance its responsibility to strategically manage and steward a large, developing market with our desire to maintain and develop the right specialist capability throughout the supply chain? Please consider contracting arrangements in your answer.',
      'How can we make competition more effective? How can we break down the barriers to market entry through our contracting, for both our larger and smaller contracts? How could we increase competition through the procurement process? What role can Open Data play?',
      'DWP wants to work with the market to improve the effectiveness of subcontractual relationships. What, if any, changes should be made to the Code of Conduct? What are your views on the way the Merlin Standard is used? How can we create supply chains with the inbuilt resilience and flexibility to cope with changing requirements and circumstances?',
      'What steps does DWP need to take, across its commissioning (from large-scale national programmes to small-scale local commissioning), to maintain and promote a level playing-field for providers?',
      'How should DWP develop the role of social investment in our commissioning?',
    ],
  },
  {
    title: 'Driving performance',
    intro:
      "To achieve our objectives, strong, sustainable performance on future DWP-commissioned welfare-to-work programmes is essential. That is why driving performance is the Department's main focus.",
    questions: [
      'How should DWP design outcomes and service standards for the hardest-to-help within outcome-focused payment models?',
      'How can DWP efficiently and effectively monitor and manage service quality within the wider framework described in this document?',
      'How should the Department, working with the market, develop its approach to performance management? For example, should we consider increased use of Market Share Shifting, focusing on directly performance managing individual providers or allowing claimant choice within CPAs? How can the market drive performance?',
      'How, when assessing bids, should we balance price and quality?',
      'How can DWP incentivise innovation in future welfare-to-work commissioning? How can we capture and share practice derived from successful innovations? What are the barriers?',
      'We have re-affirmed our view of the overall set of provider capabilities, giving particular capabilities more emphasis. Are there key capabilities which we have not adequately captured?',
    ],
  },
  {
    title: 'Working in partnership',
    intro:
      'Working in partnership is critical to the delivery of DWP and wider government objectives. We see partnership and co-commissioning approaches as integral to our future commissioning activity.',
    questions: [
      'Working within the high-level framework articulated in this document, how could DWP become a more flexible partner, nationally and locally – what are the barriers to more effective partnerships?',
      'What are the current barriers to co-commissioning?',
      'DWP recognises the importance of the Social Value Act, but also has a clear remit to deliver sustainable employment outcomes which offer good value-for-money to taxpayers. How can DWP best consider Social Value through its commissioning?',
    ],
  },
]

const rich = (text: string) => {
  const r = richTextFromDocument(documentFromPlainText(text))
  return { json: r.json as never, html: r.html, text: r.text }
}

const PAGES_2013: ConsultationPages = {
  aimedAt: rich(
    'This consultation is aimed at stakeholders in DWP welfare-to-work commissioning and experts in both this and commissioning/market management more widely. The development of the 2013 Commissioning Strategy draws on evidence, expertise and best practice to set out a direction in line with DWP and wider government ambition. But a critical ingredient will be the perspectives of stakeholders and experts.',
  ),
  purpose: rich(
    "This consultation seeks views from stakeholders and experts on the Department for Work and Pensions (DWP)'s 2013 Commissioning Strategy for welfare-to-work outcomes and services.\n\nThe questions indicate areas of DWP's commissioning approach where there is most scope for respondents to influence the approach. Written responses to this consultation do not need to cover each question – respondents can focus on areas of interest if they wish.",
  ),
  howToRespond: rich(
    'Please send your consultation responses, preferably by e-mail, to commissioning.strategy@dwp.gsi.gov.uk, or by post to the Commissioning Strategy Team at the address below. You can also respond online using this service.\n\nPlease ensure your response reaches us by 27 September 2013.\n\nWhen responding, please state whether you are doing so as an individual or representing the views of an organisation. If you are responding on behalf of an organisation, please make it clear who the organisation represents, and where applicable, how the views of members were assembled. We will acknowledge your response.\n\nWe have sent this consultation document to a large number of people and organisations. Please do share this document with, or tell us about, anyone you think will want to be involved in this consultation.',
  ),
  confidentiality: rich(
    'The information you send us may need to be passed to colleagues within the Department for Work and Pensions, published in a summary of responses received and referred to in the published consultation report.\n\nAll information contained in your response, including personal information, may be subject to publication or disclosure if requested under the Freedom of Information Act 2000. By providing personal information for the purposes of the public consultation exercise, it is understood that you consent to its disclosure and publication. If this is not the case, you should limit any personal information provided, or remove it completely. If you want the information in your response to the consultation to be kept confidential, you should explain why as part of your response, although we cannot guarantee to do this.\n\nWe will publish the responses to the consultation in a report. The report will summarise the responses and the action that we will take as a result of them.',
  ),
}

const ADDRESS_2013 =
  'Commissioning Strategy Team\nProvision Performance and Controls Division\nContracted Customer Services Directorate\n6th Floor (Tray 6), Caxton House\n6-12 Tothill Street\nLondon\nSW1H 9NA'

/** Answers in the voices the seed documents describe: primes, specialists, the voluntary sector, councils and experts. */
const ANSWER_POOL: string[][] = [
  [
    'Keep large contract package areas for scale, but require primes to publish supply chain opportunities and protect specialist subcontractors with minimum contract lengths.',
    'Stewardship means watching the health of the whole supply chain, not just the primes. Contract terms should pass risk down fairly so specialists are not squeezed out.',
    'A mix of national contracts and smaller locally commissioned lots would keep specialist capability in the market.',
  ],
  [
    'Smaller lots and simpler bidding would lower the barriers to entry. Publishing performance data as Open Data would let new entrants see where they could add value.',
    'Competition is weakened when bid costs are high. A published commercial pipeline would let organisations plan partnerships well ahead of procurement.',
    'Open Data on outcomes by claimant group would make competition about results rather than bid writing.',
  ],
  [
    'The Code of Conduct should be enforced through the Merlin Standard with clearer consequences. Payment timeliness from primes to subcontractors needs to be monitored.',
    'The Merlin Standard has improved behaviour but the assessment is a snapshot. Supply chains need flexibility clauses so referrals can be moved when needs change.',
  ],
  [
    'Apply the same transparency requirements to in-house, local and national provision, and publish the criteria used to decide how services are delivered.',
    'A level playing field needs equal access to information: all providers should see the same market data at the same time.',
  ],
  [
    'Social investment works where outcomes are clear and payment is reliable. DWP should offer a small number of social impact bond pilots with shared evaluation.',
    'Voluntary sector providers need working capital; social investment can help if payment models do not push all risk onto them.',
  ],
  [
    'Differential pricing for the hardest to help must be backed by minimum service standards, otherwise parking continues.',
    'Outcome payments should recognise progress towards work, such as stable housing or treatment, for claimants furthest from the labour market.',
  ],
  [
    'Quality monitoring should use claimant feedback and a small set of published service standards rather than heavy audit.',
    'Combine outcome data with regular visits focused on the claimant experience.',
  ],
  [
    'Market share shifting rewards performance and should be used more, with clear published rules.',
    'Claimant choice within contract package areas could drive performance if claimants have good information on provider results.',
  ],
  [
    'Quality should carry at least sixty per cent of the weighting; very low prices have led to undeliverable bids.',
    'Price matters, but a price-quality balance should test deliverability and the supply chain behind the bid.',
  ],
  [
    'Fund small test and learn pilots and share what works through a practice forum open to all providers.',
    'Innovation is held back by rigid specifications. A case-study database of what works would help capture and share practice.',
  ],
  [
    'Employer engagement and digital capability deserve more emphasis, as does experience of supporting people with mental health conditions.',
    'Partnership working with health and housing services is a key capability that is not captured well.',
  ],
  ['Align funding streams locally and give Jobcentre managers discretion to co-fund with councils.', 'The barriers are different outcome measures and reporting regimes across departments.'],
  [
    'Co-commissioning is slowed by separate budgets and different procurement timetables across departments.',
    'Shared outcome frameworks with the Ministry of Justice and health commissioners would remove the main barrier.',
  ],
  [
    'Include Social Value questions in every procurement, weighted and evaluated qualitatively, with KPIs monitored during the contract.',
    'Social Value can be captured through local employment, apprenticeships and closing the disability employment gap.',
  ],
]

const INDIVIDUALS = [
  'Alex Morgan',
  'Bethan Hughes',
  'Chris Patel',
  'Dana Kowalski',
  'Eilidh Ross',
  'Farid Haddad',
  'Grace Adeyemi',
  'Hamish Burns',
  'Imogen Clarke',
  'Jonah Levi',
  'Kiran Shah',
  'Lowri Evans',
  'Mei Chen',
  'Niall Byrne',
  'Olivia Grant',
  'Pawel Nowak',
  'Rosa Martins',
  'Sean Doyle',
  'Tara Singh',
  'Uma Reddy',
  'Victor Osei',
  'Wendy Price',
]

const CONSENTS: PublishingConsent[] = ['named', 'named', 'anonymous', 'none', 'named', 'anonymous']

/** One answer names a person who did not respond; staff redact the name before publication. */
const THIRD_PARTY = {
  respondent: 1,
  sentence: 'Our contract manager, Sam Whitlock, saw three local charities leave the supply chain in one year.',
  name: 'Sam Whitlock',
}
/** One response staff withhold from publication. */
const WITHHELD_RESPONDENT = 4

/**
 * The publication queue as staff left it: every consented response read,
 * one name redacted, one response withheld, and the rest released.
 */
async function reviewAndRelease2013(accounts: Awaited<ReturnType<typeof seedAccounts>>, created: Consultation) {
  const [consultation] = await db.select().from(consultations).where(eq(consultations.id, created.id))
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const queue = await publicationQueue(consultation, { page: 1 })
  const rows = (await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, consultation.id))).sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime())
  const queued = new Set(queue.rows.map((r) => r.id))
  for (const [i, r] of rows.entries()) {
    if (!queued.has(r.id)) continue
    if (i === THIRD_PARTY.respondent) {
      await redactAnswer(accounts.staff, consultation, r.id, { questionId: structure.questions[0].id, phrase: THIRD_PARTY.name, reason: 'Names a person who did not respond' })
    }
    if (i === WITHHELD_RESPONDENT) await withholdFromPublication(accounts.staff, consultation, r.id, 'Makes allegations about a named provider that we cannot publish')
    else await approveForPublication(accounts.staff, consultation, r.id)
  }
  await releaseResponses(accounts.staff, consultation, null)
}

/**
 * A number below `n` that looks random but is the same on every run. Choosing
 * answers by it, rather than in turn, keeps any two demo respondents from
 * sending the same set of answers word for word, which would read as a campaign.
 */
function scatter(respondent: number, question: number, n: number) {
  let h = Math.imul(respondent + 1, 0x9e3779b1) ^ Math.imul(question + 1, 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35)
  return ((h ^ (h >>> 13)) >>> 0) % n
}

/** A letter-writing campaign: the same words from several people, two of whom changed them a little. */
const CAMPAIGN_2013 = {
  text: 'I am writing as a volunteer with a local employment charity. Please make sure the new commissioning strategy protects specialist and voluntary sector providers, keeps contract packages small enough for them to bid for, and does not pass so much financial risk down the supply chain that they have to withdraw.',
  edits: [
    ['as a volunteer with', 'as a trustee of'],
    ['keeps contract packages small enough', 'keeps contract packages and lots small enough'],
  ],
  names: ['Harriet Cole', 'Ifan Jones', 'Joanne Price', 'Kieran Walsh', 'Lorna McKay', 'Mohammed Rahman', 'Nia Evans', 'Owen Fletcher'],
}

async function seedCampaign2013(consultation: Consultation, questionId: string, from: Date) {
  for (const [i, name] of CAMPAIGN_2013.names.entries()) {
    const edit = CAMPAIGN_2013.edits[i - (CAMPAIGN_2013.names.length - CAMPAIGN_2013.edits.length)]
    const text = edit ? CAMPAIGN_2013.text.replace(edit[0], edit[1]) : CAMPAIGN_2013.text
    const submittedAt = new Date(from.getTime() + i * 3_600_000)
    const submission = await createSubmission(db, consultation.questionnaireId, { id: null, name })
    await saveAnswers(db, submission.id, new Map([[questionId, { text, choices: [], otherText: null, confidential: false, confidentialReason: null }]]), { id: null, name })
    await db.insert(consultationResponses).values({
      consultationId: consultation.id,
      submissionId: submission.id,
      reference: newReference(),
      status: 'submitted',
      respondentType: 'individual',
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@respondent.example`,
      publishingConsent: 'none',
      submittedAt,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    })
  }
}

async function seed2013(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const consultation = await db.transaction(async (tx) => {
    const c = await createConsultation(tx, accounts.staff, {
      slug: 'dwp-commissioning-strategy-2013',
      title: 'DWP Commissioning Strategy 2013',
      summary:
        "Views from stakeholders and experts on the Department for Work and Pensions' 2013 Commissioning Strategy for welfare-to-work outcomes and services: market structure and stewardship, driving performance, and working in partnership.",
      pages: PAGES_2013,
      nations: ['england', 'wales', 'scotland'],
      contactEmail: 'commissioning.strategy@dwp.gsi.gov.uk',
      contactAddress: ADDRESS_2013,
      opensAt: fromLondon(2013, 7, 31, 9, 0),
      closesAt: fromLondon(2013, 9, 27, 23, 59),
    })
    for (const section of COMMISSIONING_STRATEGY_2013_SECTIONS) {
      const s = await addSection(tx, c.questionnaireId, { title: section.title, intro: section.intro })
      for (const text of section.questions) await addQuestion(tx, c.questionnaireId, s.id, { type: 'long_text', text, maxWords: 1000 })
    }
    await lockQuestionnaire(tx, c.questionnaireId)
    await tx
      .update(consultations)
      .set({ status: 'published', publishedAt: fromLondon(2013, 7, 31, 9, 0) })
      .where(eq(consultations.id, c.id))
    await queueIndexing(tx, 'consultations', c.id)
    return c
  })
  const structure = (await getStructure(db, consultation.questionnaireId))!
  // The demo accounts' own organisations are left without a response, so people trying the demo can respond for them.
  const orgs = (await db.select().from(organisations)).filter((o) => !['Northstar Employment Partnerships', 'Harbour Lane Housing and Work'].includes(o.name))
  const respondents = [...INDIVIDUALS.map((name) => ({ name, org: null as null | (typeof orgs)[number] })), ...orgs.map((org) => ({ name: `${org.name} policy team`, org }))]
  const themes = {
    q1: await Promise.all(['Protect specialist providers', 'Contract package size', 'Fair risk transfer'].map((n) => addTheme(db, consultation.questionnaireId, n))),
    q2: await Promise.all(['Open Data', 'Lower bid costs', 'Published pipeline'].map((n) => addTheme(db, consultation.questionnaireId, n))),
  }
  for (const [i, r] of respondents.entries()) {
    const submittedAt = new Date(fromLondon(2013, 8, 5).getTime() + i * 1.4 * 86_400_000)
    const submission = await createSubmission(db, consultation.questionnaireId, { id: null, name: r.name })
    const answers = new Map<string, AnswerInput>()
    structure.questions.forEach((q, qi) => {
      const required = (i === THIRD_PARTY.respondent && qi === 0) || (i % 9 === 4 && qi === 2)
      if (!required && scatter(i, qi, 3) === 2) return
      const pool = ANSWER_POOL[qi]
      answers.set(q.id, {
        text: pool[scatter(i, qi + 100, pool.length)] + (i === THIRD_PARTY.respondent && qi === 0 ? ` ${THIRD_PARTY.sentence}` : ''),
        choices: [],
        otherText: null,
        confidential: i % 9 === 4 && qi === 2,
        confidentialReason: i % 9 === 4 && qi === 2 ? 'Describes a current subcontract dispute' : null,
      })
    })
    await saveAnswers(db, submission.id, answers, { id: null, name: r.name })
    await db.insert(consultationResponses).values({
      consultationId: consultation.id,
      submissionId: submission.id,
      reference: newReference(),
      status: 'submitted',
      respondentType: r.org ? 'organisation' : 'individual',
      name: r.name,
      email: `${r.name.toLowerCase().replace(/[^a-z]+/g, '.')}@respondent.example`,
      organisationId: r.org?.id ?? null,
      organisationName: r.org?.name ?? null,
      represents: r.org ? `${r.org.name}, its staff and the claimants it supports` : null,
      howViewsAssembled: r.org ? 'A workshop with frontline staff and supply chain partners' : null,
      publishingConsent: CONSENTS[i % CONSENTS.length],
      confidential: i % 11 === 7,
      confidentialReason: i % 11 === 7 ? 'Commercially sensitive information about our bids' : null,
      submittedAt,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    })
    const q1 = answers.get(structure.questions[0].id)
    if (q1?.text) {
      const t = q1.text.includes('specialist') ? themes.q1[0] : q1.text.includes('risk') ? themes.q1[2] : themes.q1[1]
      if (t) await setAnswerThemes(db, submission.id, structure.questions[0].id, [t.id])
    }
    const q2 = answers.get(structure.questions[1].id)
    if (q2?.text) {
      const ids = [q2.text.includes('Open Data') ? themes.q2[0] : null, q2.text.includes('bid') ? themes.q2[1] : null, q2.text.includes('pipeline') ? themes.q2[2] : null].flatMap((t) =>
        t ? [t.id] : [],
      )
      await setAnswerThemes(db, submission.id, structure.questions[1].id, ids)
    }
  }
  await seedCampaign2013(consultation, structure.questions[0].id, fromLondon(2013, 9, 20))
  await reviewAndRelease2013(accounts, consultation)
  await checkForCampaigns(consultation.id)
  await db.insert(consultationOutcomeAnswers).values([
    {
      consultationId: consultation.id,
      questionId: structure.questions[1].id,
      youSaid: 'Many respondents asked for a published commercial pipeline and for performance data to be released as Open Data.',
      weDid: '',
    },
  ])
  return consultation
}

async function seedOpen(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const now = new Date()
  return db.transaction(async (tx) => {
    const c = await createConsultation(tx, accounts.staff, {
      slug: 'employment-provision-commissioning-strategy-core-aims',
      title: 'Employment Provision Commissioning Strategy: our five core aims',
      summary:
        'The Employment Category asks suppliers, partners and participants how well its five core aims – quality outcomes, value for money, market management, innovation and continuous improvement, and social value – will work in practice.',
      pages: {
        aimedAt: rich(
          'Current and potential suppliers of employment support, their supply chains, voluntary and community sector organisations, local partners, and people who have taken part in employment programmes.',
        ),
        purpose: rich(
          "This Employment Provision Commissioning Strategy sets out how the DWP Employment Category will support DWP's strategic outcomes through the successful commissioning and in-life delivery of Commercial Employment Programmes.\n\nAt the heart of this is a focus on five key aims: Deliver Quality Outcomes, Value for Money, Market Management, Innovation and Continuous Improvement, and Social Value. We want your views on how they should work in practice.",
        ),
        scope: rich('This consultation covers employment provision commissioned by the DWP Employment Category.'),
        howToRespond: rich('Respond online using this service. You can answer as many or as few questions as you like, and save your answers and come back later.'),
        confidentiality: rich(
          'Information you send may be published or disclosed under the Freedom of Information Act 2000. If you want your response, or any answer, kept confidential, tell us why. We will publish a summary of responses and the action we will take.',
        ),
      },
      nations: ['england', 'wales', 'scotland'],
      contactEmail: 'employment.category@dwp.example',
      contactAddress: '',
      opensAt: new Date(now.getTime() - 14 * 86_400_000),
      closesAt: new Date(now.getTime() + 42 * 86_400_000),
    })
    const aims = await addSection(tx, c.questionnaireId, {
      title: 'Overarching core aims',
      intro: 'To realise our aim for a range of high quality and accessible employment support, we will follow five core aims.',
    })
    await addQuestion(tx, c.questionnaireId, aims.id, {
      type: 'agree_scale',
      text: 'Quality outcomes are not only about moving participants into employment but also about holistic support to improve the quality of their lives. How far do you agree?',
      required: true,
    })
    await addQuestion(tx, c.questionnaireId, aims.id, {
      type: 'multiple_choice',
      text: 'Which of the five core aims matter most to your organisation?',
      optionLabels: ['Deliver Quality Outcomes', 'Value for Money', 'Market Management', 'Innovation and Continuous Improvement', 'Social Value'],
      allowOther: true,
    })
    await addQuestion(tx, c.questionnaireId, aims.id, {
      type: 'long_text',
      text: 'How should the Category share commercial and performance data with suppliers to drive performance, quality and continuous improvement?',
      maxWords: 300,
    })
    const process = await addSection(tx, c.questionnaireId, { title: 'Commissioning process', intro: 'Market shaping, a level playing field, delivery model assessment, and design and procurement.' })
    await addQuestion(tx, c.questionnaireId, process.id, {
      type: 'single_choice',
      text: 'Which route to market should the Category use first for new provision?',
      hint: 'For example, the Commercial Agreement for Employment and Health Related Services (CAEHRS).',
      optionLabels: ['An existing category agreement such as CAEHRS', 'A new procurement', 'Grants', 'Delivery in-house'],
      allowOther: true,
    })
    await addQuestion(tx, c.questionnaireId, process.id, { type: 'rating', text: 'How well does the Category engage the market early, from 0 (not at all) to 10 (extremely well)?' })
    await addQuestion(tx, c.questionnaireId, process.id, { type: 'short_text', text: 'In a sentence, what one change would most help Small and Medium Enterprises and VCSE organisations to bid?' })
    const detail = await addSection(tx, c.questionnaireId, {
      title: 'Your views in detail',
      intro: 'How far you agree with each aim in practice, and your organisation’s formal response if it has one.',
    })
    await addQuestion(tx, c.questionnaireId, detail.id, {
      type: 'grid',
      text: 'How far do you agree with each statement?',
      optionLabels: [
        'Value for money should be judged over the whole life of a contract',
        'Social value should carry real weight when bids are scored',
        'Performance data should be shared with suppliers every quarter',
      ],
    })
    await addQuestion(tx, c.questionnaireId, detail.id, {
      type: 'file_upload',
      text: 'Attach your organisation’s formal response, if you have one',
      hint: 'Only the consultation team sees attached documents: they are never published.',
    })
    await publishConsultation(tx, accounts.staff, c.id, now)
    return c
  })
}

/** Lines of at most `width` characters, for the one-page demo PDFs, which do not wrap text themselves. */
function wrap(paragraphs: string[], width = 88) {
  return paragraphs.flatMap((p) => {
    const lines: string[] = []
    for (const word of p.split(/\s+/)) {
      const last = lines.at(-1)
      if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`
      else lines.push(word)
    }
    return [...lines, '']
  })
}

/** The open consultation's paper and an easy-read version, from the strategy's own text on its five core aims. */
async function seedOpenDocuments(accounts: Awaited<ReturnType<typeof seedAccounts>>, consultationId: string) {
  const documents = [
    {
      kind: 'consultation_paper',
      title: 'DWP Employment Provision Commissioning Strategy',
      accessibilityNotes: 'One page of text, no images or tables. Email employment.category@dwp.example to ask for another format.',
      name: 'employment-provision-commissioning-strategy.pdf',
      lines: wrap([
        'DWP Employment Provision Commissioning Strategy',
        'Overarching core aims',
        'To realise our aim for a range of high quality and accessible Employment support to our participants, we will follow these five cores aims.',
        "Aim 1 Deliver Quality Outcomes: The Category's overarching aim is to deliver quality outcomes to support delivery of DWP's core objectives by putting our participants at the heart of everything we do.",
        'Aim 2 Value for Money: The Category is driven to spend ethically and strategically. Setting targets and Key Performance Indicators for procurement and contract management.',
        'Aim 3 Market Management: To engage early with the market to shape how we deliver better services. Lead the way and aim to be the partner of choice for the market through effective stewardship.',
        'Aim 4 Innovation and Continuous Improvement: To deliver better innovation and continuous improvement through our procurement activity and during contract life, modernising in terms of scope, use of technology and procedures.',
        "Aim 5 Social Value: Ensure that Social Value is at the very core of the Category's priorities and forms part of strategic thinking and procurement activity.",
      ]),
    },
    {
      kind: 'easy_read',
      title: 'Our five core aims: easy read',
      accessibilityNotes: 'Short sentences in large type, one aim to a paragraph.',
      name: 'five-core-aims-easy-read.pdf',
      lines: wrap([
        'Our five core aims',
        'We buy employment support for people who want to work.',
        'Aim 1. Quality outcomes: we put the people we support at the heart of everything we do.',
        'Aim 2. Value for money: we spend money carefully and check how well contracts work.',
        'Aim 3. Market management: we talk to suppliers early about how to give better services.',
        'Aim 4. Innovation: we keep finding better ways of working, including using technology.',
        'Aim 5. Social value: we think about the good a contract does for people and places.',
      ]),
    },
  ] as const
  for (const { lines, name, ...fields } of documents) {
    const upload = await checkUpload(new File([new Uint8Array(samplePdf(lines))], name), 'file', DOCUMENT_KINDS)
    if (!upload.ok) throw new Error(`Demo document ${name} was refused: ${Object.values(upload.errors).join(', ')}`)
    await addConsultationDocument(accounts.staff, consultationId, { ...fields, upload: upload.value })
  }
}

async function seedUpcoming(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const now = new Date()
  await db.transaction(async (tx) => {
    const c = await createConsultation(tx, accounts.staff, {
      slug: 'work-programme-building-best-practice',
      title: 'Building best practice: minimum service levels and sharing what works',
      summary:
        'Following the Work Programme Building Best Practice group’s recommendations, the Category will ask how minimum service levels and a framework for sharing best practice should work in future employment programmes.',
      pages: {
        aimedAt: rich('Providers and their supply chains, the voluntary and community sector, employers, and people who have used employment programmes.'),
        purpose: rich(
          'The Work Programme: Building Best Practice group recommended a framework for sharing best practice and clearer minimum service levels. We want views on how to carry these into future commissioning.',
        ),
        scope: rich('This consultation will cover employment programmes commissioned by DWP.'),
        howToRespond: rich('Respond online once the consultation opens.'),
        confidentiality: rich('Information you send may be published or disclosed under the Freedom of Information Act 2000. Tell us if you want any of it kept confidential, and why.'),
      },
      nations: ['england', 'wales', 'scotland'],
      contactEmail: 'employment.category@dwp.example',
      contactAddress: '',
      opensAt: new Date(now.getTime() + 21 * 86_400_000),
      closesAt: new Date(now.getTime() + 77 * 86_400_000),
    })
    const s = await addSection(tx, c.questionnaireId, { title: 'Minimum service levels' })
    await addQuestion(tx, c.questionnaireId, s.id, { type: 'long_text', text: 'What should minimum service levels guarantee to every participant?', maxWords: 500 })
    await addQuestion(tx, c.questionnaireId, s.id, { type: 'agree_scale', text: 'Minimum service levels should be published for every contract.' })
    const t = await addSection(tx, c.questionnaireId, { title: 'Sharing what works' })
    await addQuestion(tx, c.questionnaireId, t.id, { type: 'long_text', text: 'How can competing providers best share what works with each other?', maxWords: 500 })
    await publishConsultation(tx, accounts.staff, c.id, now)
  })
}

export async function seedConsultations(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  await seed2013(accounts)
  const open = await seedOpen(accounts)
  await seedOpenDocuments(accounts, open.id)
  await seedUpcoming(accounts)
}
