import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { JOBS } from '~/jobs.server'
import { codingFrame } from '~/modules/consultations/coding-frame.server'
import { suggestThemes, type SuggestionAnswer } from '~/modules/consultations/theme-suggestion'
import { makeSuggestions, themeSuggestionJob } from '~/modules/consultations/theme-suggestions.server'
import { consultationAnalysisStaffBlock } from '~/modules/consultations/blocks.server'
import { STAFF_BLOCKS } from '~/modules/home/staff-blocks.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as suggestionsRoute from '~/routes/staff.consultations.$id.questions.$questionId.suggestions'
import { answerThemes, auditEvents, themeSuggestionAnswers, themeSuggestionRuns, themeSuggestions } from '~db/schema'
import { submittedResponse } from '../support/answers'
import { makeOpenConsultation } from '../support/consultations'
import { noticeFrom } from '../support/notice'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

/** A word no other answer uses, so that only the planted phrases are shared. */
let next = 0
const unique = () => {
  let n = next++
  let word = ''
  do {
    word = String.fromCharCode(97 + (n % 26)) + word
    n = Math.floor(n / 26)
  } while (n > 0)
  return `qu${word}x`
}

/**
 * Answers with three themes planted in them (12 on travel costs, two of those
 * confidential; 10 on longer bid windows; 8 on data sharing), five
 * confidential answers sharing a phrase of their own, and twenty in words
 * nobody else uses.
 */
function plantedAnswers() {
  const answers: Array<{ key: string; text: string; confidential: boolean }> = []
  for (let i = 0; i < 12; i++) answers.push({ key: `travel-${i}`, text: `Travel costs are a barrier in ${unique()} and ${unique()}.`, confidential: i < 2 })
  for (let i = 0; i < 10; i++) answers.push({ key: `bids-${i}`, text: `Longer bid windows would help ${unique()} compete.`, confidential: false })
  for (let i = 0; i < 8; i++) answers.push({ key: `data-${i}`, text: `Data sharing with Jobcentres is slow for ${unique()}.`, confidential: false })
  for (let i = 0; i < 5; i++) answers.push({ key: `private-${i}`, text: `Housing benefit sanctions hurt ${unique()} badly.`, confidential: true })
  for (let i = 0; i < 20; i++) answers.push({ key: `own-${i}`, text: `${unique()} ${unique()}, ${unique()}.`, confidential: false })
  return answers
}

const group = (keys: string[]) => [...new Set(keys.map((k) => k.replace(/-\d+$/, '')))]

async function plantedConsultation() {
  const staff = await makeUser({ role: 'staff', name: 'Sam Staff' })
  const other = await makeUser({ role: 'staff', name: 'Olu Other' })
  const c = await makeOpenConsultation(staff.user)
  const q = (await getStructure(db, c.questionnaireId))!.questions[0]
  const keyOf = new Map<string, string>()
  for (const a of plantedAnswers()) {
    const r = await submittedResponse(c, { [q.id]: a.text }, { confidential: a.confidential, confidentialReason: a.confidential ? 'Personal circumstances' : null })
    keyOf.set(r.submissionId, a.key)
  }
  const path = `/staff/consultations/${c.id}/questions/${q.id}/suggestions`
  const params = { id: c.id, questionId: q.id }
  const page = async (cookie = staff.cookie) => (await call(suggestionsRoute.loader, request(path, { cookie }), params)).data
  const act = (form: Record<string, string>, cookie = staff.cookie) => call(suggestionsRoute.action, request(path, { cookie, form }), params)
  const tagged = async () => {
    const rows = await db.select().from(answerThemes).where(eq(answerThemes.questionId, q.id))
    return rows.map((r) => `${keyOf.get(r.submissionId)}`).sort()
  }
  return { staff, other, c, q, keyOf, page, act, tagged }
}

type Card = { id: string; label: string; status: string; size: number }
const seen = (s: Card) => ({ suggestionId: s.id, seenStatus: s.status, seenLabel: s.label })

describe('suggested themes', () => {
  test('the planted themes are found, each covering exactly the answers that hold it; confidential words name nothing; the same answers give the same suggestions', () => {
    next = 0
    const planted = plantedAnswers()
    const answers: SuggestionAnswer[] = planted.map((a, i) => ({ id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, text: a.text, confidential: a.confidential }))
    const key = new Map(answers.map((a, i) => [a.id, planted[i].key]))
    const found = suggestThemes(answers, { questionText: 'What would make it easier to take part?' })
    expect(found.map((t) => [t.label, t.members.length])).toEqual([
      ['Travel costs', 12],
      ['Longer bid windows', 10],
      ['Data sharing', 8],
    ])
    expect(found.map((t) => group(t.members.map((m) => key.get(m)!)))).toEqual([['travel'], ['bids'], ['data']])
    // The examples are the answers marked confidential only when nothing else will do.
    expect(found[0].examples.map((e) => key.get(e))).not.toContain('travel-0')
    expect(found[0].phrases[0]).toBe('travel costs')
    expect(found.flatMap((t) => [t.label, ...t.phrases]).join(' ')).not.toMatch(/housing|benefit|sanction/i)

    // Reproducible: the same answers in any order give the same suggestions.
    const shuffled = [...answers].sort((a, b) => a.text.localeCompare(b.text))
    expect(suggestThemes(shuffled, { questionText: 'What would make it easier to take part?' })).toEqual(found)
    // Too few answers share anything: nothing is suggested.
    expect(suggestThemes(answers.slice(-20))).toEqual([])
    // Answers that repeat one text are shown by one example, not three copies of it.
    const copies = Array.from({ length: 8 }, (_, i) => ({ id: `10000000-0000-0000-0000-${String(i).padStart(12, '0')}`, text: 'Keep specialist providers in the supply chain.', confidential: false }))
    const [letter] = suggestThemes([...copies, ...answers.slice(-20)])
    expect(letter.members).toHaveLength(8)
    expect(letter.examples).toEqual([copies[0].id])
  })

  test('staff ask, the worker suggests, and nothing is tagged until a person accepts; accepting tags exactly the answers covered; renamed, merged and rejected suggestions are kept when suggesting again', async () => {
    expect(JOBS.map((j) => j.name)).toContain(themeSuggestionJob.name)
    const { staff, c, q, page, act, tagged } = await plantedConsultation()
    const block = async () => (await consultationAnalysisStaffBlock({ signedIn: true }))!
    expect(STAFF_BLOCKS).toContain(consultationAnalysisStaffBlock)
    expect((await block()).figures).toEqual([{ value: 0, label: 'questions with suggested themes waiting', href: undefined }])
    const before = await page()
    expect(before.run).toBeNull()
    expect(before.answered).toBe(55)

    const asked = await act({ intent: 'suggest' })
    expect(asked.status).toBe(302)
    expect((await page()).run.finishedAt).toBeNull()
    await themeSuggestionJob.registration.handler({ consultationId: c.id, questionId: q.id })
    const made = await page()
    expect(made.run.answersRead).toBe(55)
    expect(made.suggestions.map((s: Card) => [s.label, s.size, s.status])).toEqual([
      ['Travel costs', 12, 'suggested'],
      ['Longer bid windows', 10, 'suggested'],
      ['Data sharing', 8, 'suggested'],
    ])
    const [travel, bids, data] = made.suggestions as Array<Card & { examples: Array<{ text: string; confidential: boolean }> }>
    expect(travel.examples).toHaveLength(3)
    expect(travel.examples.every((e) => e.text.startsWith('Travel costs') && !e.confidential)).toBe(true)
    expect(await tagged()).toEqual([])
    // The staff dashboard leads to them.
    const suggestionsPath = `/staff/consultations/${c.id}/questions/${q.id}/suggestions`
    const waiting = await block()
    expect(waiting.figures).toEqual([{ value: 1, label: 'question with suggested themes waiting', href: suggestionsPath }])
    expect(waiting.items).toEqual([{ href: suggestionsPath, title: `${c.title}: ${q.text}`, meta: '3 suggested themes to decide' }])

    // Rename, then accept: the theme takes the new name and tags the ten answers.
    const badName = await act({ intent: 'rename', ...seen(bids), label: 'Bids; windows' })
    expect(badName.status).toBe(400)
    expect(Object.keys(badName.data.errors)).toEqual(['label'])
    expect((await act({ intent: 'rename', ...seen(bids), label: 'Time to bid' })).status).toBe(302)
    const accepted = await act({ intent: 'accept', ...seen({ ...bids, label: 'Time to bid' }) })
    expect(await noticeFrom(accepted.headers)).toBe('Theme “Time to bid” added to the coding frame: 10 answers tagged with it')
    expect(await tagged()).toEqual(Array.from({ length: 10 }, (_, i) => `bids-${i}`).sort())

    // Merge data sharing into travel costs, then accept it: exactly the 20 answers of both, confidential ones included.
    expect((await act({ intent: 'merge', ...seen(travel), mergeWith: data.id })).status).toBe(302)
    const merged = (await page()).suggestions.find((s: Card) => s.id === travel.id)
    expect(merged.size).toBe(20)
    expect((await act({ intent: 'accept', ...seen(travel) })).status).toBe(302)
    const tags = await tagged()
    expect(tags.filter((t) => t.startsWith('travel'))).toHaveLength(12)
    expect(tags.filter((t) => t.startsWith('data'))).toHaveLength(8)
    expect(tags.filter((t) => t.startsWith('own') || t.startsWith('private'))).toEqual([])
    expect((await codingFrame(c)).map((t) => [t.name, t.count])).toEqual([
      ['Time to bid', 10],
      ['Travel costs', 20],
    ])

    // Suggesting again keeps every decision and suggests none of them again.
    await makeSuggestions(c, q.id)
    const again = await page()
    expect(again.suggestions.map((s: Card & { mergedInto: string | null }) => [s.label, s.status, s.mergedInto])).toEqual([
      ['Travel costs', 'accepted', null],
      ['Time to bid', 'accepted', null],
      ['Data sharing', 'merged', 'Travel costs'],
    ])
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.actorId, staff.user.id)))
      .orderBy(asc(auditEvents.createdAt))
    expect(audits.map((e) => e.action).filter((a) => a.startsWith('consultation.theme_suggestion'))).toEqual([
      'consultation.theme_suggestions.requested',
      'consultation.theme_suggestion.rename',
      'consultation.theme_suggestion.accept',
      'consultation.theme_suggestion.merge',
      'consultation.theme_suggestion.accept',
    ])
    const [run] = await db.select().from(themeSuggestionRuns).where(eq(themeSuggestionRuns.questionId, q.id))
    expect(run.method).toBe('phrases')
    // Every suggestion decided: nothing waits.
    expect((await block()).figures![0].value).toBe(0)
    expect((await block()).items).toEqual([])
  })

  test('two staff deciding on the same suggestion at once: one wins, the other is told what happened and changes nothing', async () => {
    const { other, c, q, page, act, tagged } = await plantedConsultation()
    await makeSuggestions(c, q.id)
    // Both load the page.
    const [travel, bids, data] = (await page()).suggestions as Card[]

    // One accepts; the other, from the same page, rejects: refused, and told it was accepted.
    expect((await act({ intent: 'accept', ...seen(travel) })).status).toBe(302)
    const late = await act({ intent: 'reject', ...seen(travel) }, other.cookie)
    expect(late.status).toBe(400)
    expect(late.data.errors.form).toBe('Someone else has already accepted “Travel costs”. Nothing was changed.')
    expect((await tagged()).filter((t) => t.startsWith('travel'))).toHaveLength(12)

    // At the same moment one accepts the bid windows while the other merges them into data sharing: exactly one happens.
    const [accept, merge] = await Promise.all([act({ intent: 'accept', ...seen(bids) }), act({ intent: 'merge', ...seen(data), mergeWith: bids.id }, other.cookie)])
    expect([accept.status, merge.status].sort()).toEqual([302, 400])
    const after = (await page()).suggestions as Array<Card & { mergedInto: string | null }>
    const bidsNow = after.find((s) => s.id === bids.id)!
    const bidTags = (await tagged()).filter((t) => t.startsWith('bids'))
    if (accept.status === 302) {
      expect(merge.data.errors.form).toBe('Someone else has already accepted “Longer bid windows”. Nothing was changed.')
      expect(bidsNow.status).toBe('accepted')
      expect(after.find((s) => s.id === data.id)!.size).toBe(8)
      expect(bidTags).toHaveLength(10)
    } else {
      expect(accept.data.errors.form).toBe('Someone else has already merged “Longer bid windows” into “Data sharing”. Nothing was changed.')
      expect(bidsNow.status).toBe('merged')
      expect(bidTags).toEqual([])
    }
    // A rename from a page that showed another name is refused rather than silently replacing it.
    const fresh = (await page()).suggestions.find((s: Card) => s.status === 'suggested')
    expect((await act({ intent: 'rename', ...seen(fresh), label: 'First name' })).status).toBe(302)
    const stale = await act({ intent: 'rename', ...seen(fresh), label: 'Second name' }, other.cookie)
    expect(stale.data.errors.form).toBe('Someone else has renamed this suggestion “First name”. Check the new name and decide again.')
    // Members only.
    const member = await makeUser()
    expect((await call(suggestionsRoute.loader, request(`/staff/consultations/${c.id}/questions/${q.id}/suggestions`, { cookie: member.cookie }), { id: c.id, questionId: q.id })).status).toBe(403)
  })

  test('a choice question has no suggestions, and a suggestion from another consultation cannot be decided here', async () => {
    const { staff, c, q } = await plantedConsultation()
    await makeSuggestions(c, q.id)
    const [suggestion] = await db.select().from(themeSuggestions).where(eq(themeSuggestions.questionId, q.id))
    const elsewhere = await makeOpenConsultation(staff.user)
    const eq0 = (await getStructure(db, elsewhere.questionnaireId))!.questions
    const path = `/staff/consultations/${elsewhere.id}/questions/${eq0[0].id}/suggestions`
    const tampered = await call(
      suggestionsRoute.action,
      request(path, { cookie: staff.cookie, form: { intent: 'accept', suggestionId: suggestion.id, seenStatus: 'suggested', seenLabel: suggestion.label } }),
      { id: elsewhere.id, questionId: eq0[0].id },
    )
    expect(tampered.status).toBe(400)
    expect((await db.select().from(themeSuggestionAnswers).where(eq(themeSuggestionAnswers.suggestionId, suggestion.id))).length).toBe(suggestion.size)
    expect((await db.select().from(answerThemes).where(eq(answerThemes.questionId, q.id))).length).toBe(0)
    const choice = eq0.find((x) => x.type !== 'long_text' && x.type !== 'short_text')!
    const notFree = await call(suggestionsRoute.loader, request(`/staff/consultations/${elsewhere.id}/questions/${choice.id}/suggestions`, { cookie: staff.cookie }), {
      id: elsewhere.id,
      questionId: choice.id,
    })
    expect(notFree.status).toBe(404)
  })
})
