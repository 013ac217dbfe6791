import { db } from '~/lib/db.server'
import { createConsultation, publishConsultation } from '~/modules/consultations/consultations.server'
import type { Actor } from '~/lib/actor'
import type { RespondentDetails } from '~/modules/consultations/responses.server'
import { addQuestion, addSection } from '~/modules/questionnaires/structure.server'
import { consultations } from '~db/schema'
import { eq } from 'drizzle-orm'

const DAY = 86_400_000

/** A draft consultation, open from yesterday for ten days, with two sections: a long text (50 words), a choice with Other, a required scale. */
export async function makeDraftConsultation(actor: Actor | null = null, { title = 'Test consultation' } = {}) {
  const now = Date.now()
  return db.transaction(async (tx) => {
    const c = await createConsultation(tx, actor, {
      title,
      summary: 'A summary',
      pages: {},
      nations: ['england'],
      contactEmail: 'team@example.com',
      contactAddress: '',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 10 * DAY),
    })
    const one = await addSection(tx, c.questionnaireId, { title: 'First section' })
    const two = await addSection(tx, c.questionnaireId, { title: 'Second section' })
    await addQuestion(tx, c.questionnaireId, one.id, { type: 'long_text', text: 'What do you think?', maxWords: 50 })
    await addQuestion(tx, c.questionnaireId, one.id, { type: 'single_choice', text: 'Which?', optionLabels: ['Red', 'Blue'], allowOther: true })
    await addQuestion(tx, c.questionnaireId, two.id, { type: 'agree_scale', text: 'Do you agree?', required: true })
    return c
  })
}

/** The same consultation, published and open. */
export async function makeOpenConsultation(actor: Actor | null = null, options: { title?: string } = {}) {
  const draft = await makeDraftConsultation(actor, options)
  await db.transaction((tx) => publishConsultation(tx, actor, draft.id))
  const [row] = await db.select().from(consultations).where(eq(consultations.id, draft.id))
  return row
}

export async function closeConsultation(id: string) {
  const [row] = await db
    .update(consultations)
    .set({ opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - 1000) })
    .where(eq(consultations.id, id))
    .returning()
  return row
}

/** Details of a person responding for themselves, named when published. */
export const individual = (over: Partial<RespondentDetails> = {}): RespondentDetails => ({
  respondentType: 'individual',
  name: 'Pat Person',
  email: 'pat@example.com',
  organisationId: null,
  organisationName: null,
  represents: null,
  howViewsAssembled: null,
  publishingConsent: 'named',
  confidential: false,
  confidentialReason: null,
  ...over,
})

type Loader = (args: { request: Request; params: Record<string, string>; context: never }) => unknown

/** What a loader gives a visitor, as text: a page's data, a file's body, or the status of a refusal. */
async function visit(loader: Loader, path: string, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000${path}`)
  try {
    const result = await loader({ request, params, context: { cspNonce: 'n', requestId: 'r', clientIp: '127.0.0.1' } as never })
    return result instanceof Response ? `${result.status} ${await result.text()}` : JSON.stringify(result)
  } catch (thrown) {
    if (thrown instanceof Response) return `${thrown.status} ${await thrown.text()}`
    return JSON.stringify(thrown)
  }
}

/**
 * Every public place a consultation's responses could show: its pages,
 * open data, the finder, site search and its suggestions, feeds and the home
 * page, each as a signed-out visitor sees it. `queries` are searched for
 * wherever there is a search box.
 */
export async function crawlPublic(slug: string, queries: string[]) {
  const [home, finder, page, responses, csv, json, list, outcome, search, suggestions, pipelineFeed, newsletterFeed] = await Promise.all([
    import('~/routes/_index'),
    import('~/routes/consultations._index'),
    import('~/routes/consultations.$slug._index'),
    import('~/routes/consultations.$slug.responses._index'),
    import('~/routes/consultations.$slug.responses[.]csv'),
    import('~/routes/consultations.$slug.responses[.]json'),
    import('~/routes/consultations[.]json'),
    import('~/routes/consultations.$slug.outcome'),
    import('~/routes/search'),
    import('~/routes/search.suggestions'),
    import('~/routes/pipeline.feed[.]atom'),
    import('~/routes/newsletters.feed[.]atom'),
  ])
  const l = (m: { loader: unknown }) => m.loader as Loader
  const p = { slug }
  const visits = [
    visit(l(home), '/'),
    visit(l(page), `/consultations/${slug}`, p),
    visit(l(responses), `/consultations/${slug}/responses`, p),
    visit(l(csv), `/consultations/${slug}/responses.csv`, p),
    visit(l(json), `/consultations/${slug}/responses.json`, p),
    visit(l(list), '/consultations.json'),
    visit(l(outcome), `/consultations/${slug}/outcome`, p),
    visit(l(pipelineFeed), '/pipeline.feed.atom'),
    visit(l(newsletterFeed), '/newsletters.feed.atom'),
    ...queries.flatMap((q) => {
      const e = encodeURIComponent(q)
      // A page repeats the words searched for; only what it found counts, so the echo is taken out.
      const found = async (text: Promise<string>) => (await text).split(JSON.stringify(q)).join('"(the words searched for)"')
      return [
        found(visit(l(finder), `/consultations?q=${e}`)),
        found(visit(l(responses), `/consultations/${slug}/responses?q=${e}`, p)),
        found(visit(l(search), `/search?q=${e}`)),
        found(visit(l(suggestions), `/search/suggestions?q=${e}`)),
      ]
    }),
  ]
  return (await Promise.all(visits)).join('\n')
}
