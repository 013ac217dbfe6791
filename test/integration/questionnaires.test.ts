import { describe, expect, test } from 'vitest'
import { RuleError } from '~/lib/result'
import { db } from '~/lib/db.server'
import { choiceCounts, createSubmission, missingRequired, readAnswers, saveAnswers, TAMPERED_MESSAGE, validateAnswers } from '~/modules/questionnaires/answers.server'
import { addTheme, listThemes, setAnswerThemes } from '~/modules/questionnaires/themes.server'
import { fieldName, otherFieldName, confidentialFieldName, confidentialReasonFieldName, wordCount } from '~/modules/questionnaires/questions'
import { addQuestion, addSection, createQuestionnaire, getStructure, lockQuestionnaire, moveQuestion, removeQuestion, updateQuestion } from '~/modules/questionnaires/structure.server'
import { questionnaireSubmissions } from '~db/schema'
import { inArray } from 'drizzle-orm'

async function build() {
  const questionnaire = await createQuestionnaire(db, 'A questionnaire')
  const s1 = await addSection(db, questionnaire.id, { title: 'One', intro: 'First' })
  const s2 = await addSection(db, questionnaire.id, { title: 'Two' })
  const long = await addQuestion(db, questionnaire.id, s1.id, { type: 'long_text', text: 'Tell us', maxWords: 5, required: true })
  const single = await addQuestion(db, questionnaire.id, s1.id, { type: 'single_choice', text: 'Pick', optionLabels: ['Yes', 'No'], allowOther: true })
  const multi = await addQuestion(db, questionnaire.id, s2.id, { type: 'multiple_choice', text: 'Pick many', optionLabels: ['A', 'B', 'C'] })
  const scale = await addQuestion(db, questionnaire.id, s2.id, { type: 'agree_scale', text: 'Agree?' })
  const structure = (await getStructure(db, questionnaire.id))!
  return { questionnaire, s1, s2, long, single, multi, scale, structure }
}

describe('questionnaire structure', () => {
  test('questions are numbered Q1.. across sections, in section order', async () => {
    const { structure, s1, questionnaire } = await build()
    expect(structure.sections.map((s) => s.questions.map((q) => q.label))).toEqual([
      ['Q1', 'Q2'],
      ['Q3', 'Q4'],
    ])
    // A question added to the first section later is numbered within it, and the rest move on.
    await addQuestion(db, questionnaire.id, s1.id, { type: 'short_text', text: 'Late' })
    const again = (await getStructure(db, questionnaire.id))!
    expect(again.sections[0].questions.map((q) => `${q.label} ${q.text}`)).toEqual(['Q1 Tell us', 'Q2 Pick', 'Q3 Late'])
    expect(again.sections[1].questions[0].label).toBe('Q4')
  })

  test('questions can be edited, reordered and removed until locked; then the wording is frozen', async () => {
    const { questionnaire, long, single } = await build()
    await moveQuestion(db, questionnaire.id, single.id, 'up')
    let s = (await getStructure(db, questionnaire.id))!
    expect(s.sections[0].questions.map((q) => q.text)).toEqual(['Pick', 'Tell us'])
    await updateQuestion(db, questionnaire.id, long.id, { type: 'long_text', text: 'Tell us more', maxWords: 10 })
    await removeQuestion(db, questionnaire.id, single.id)
    s = (await getStructure(db, questionnaire.id))!
    expect(s.sections[0].questions.map((q) => q.text)).toEqual(['Tell us more'])
    await lockQuestionnaire(db, questionnaire.id)
    await expect(updateQuestion(db, questionnaire.id, long.id, { type: 'long_text', text: 'Changed' })).rejects.toBeInstanceOf(RuleError)
    await expect(addSection(db, questionnaire.id, { title: 'Three' })).rejects.toBeInstanceOf(RuleError)
    await expect(removeQuestion(db, questionnaire.id, long.id)).rejects.toBeInstanceOf(RuleError)
  })
})

describe('answer validation', () => {
  test('a long answer over its word limit is refused; words counted as GOV.UK counts them', async () => {
    const { structure, long } = await build()
    expect(wordCount('  one two\nthree  ')).toBe(3)
    const section = structure.sections[0].questions
    const over = validateAnswers(section, { [fieldName(long.id)]: 'one two three four five six' }, { enforceRequired: false })
    expect(over).toEqual({ ok: false, errors: { [fieldName(long.id)]: 'Your answer to Q1 must be 5 words or fewer' } })
    const fine = validateAnswers(section, { [fieldName(long.id)]: 'one two three four five' }, { enforceRequired: false })
    expect(fine.ok).toBe(true)
  })

  test('unknown options, one-of with two values, and Other without text are refused', async () => {
    const { structure, single, multi } = await build()
    const [one, two] = [structure.sections[0].questions, structure.sections[1].questions]
    expect(validateAnswers(one, { [fieldName(single.id)]: 'maybe' }, { enforceRequired: false })).toMatchObject({
      ok: false,
      errors: { [fieldName(single.id)]: 'Select an answer to Q2 from the list' },
    })
    expect(validateAnswers(one, { [fieldName(single.id)]: ['yes', 'no'] }, { enforceRequired: false }).ok).toBe(false)
    expect(validateAnswers(one, { [fieldName(single.id)]: 'other' }, { enforceRequired: false })).toMatchObject({
      ok: false,
      errors: { [otherFieldName(single.id)]: 'Enter your other answer to Q2' },
    })
    const ok = validateAnswers(two, { [fieldName(multi.id)]: ['a', 'c'] }, { enforceRequired: false })
    expect(ok.ok && ok.answers.get(multi.id)?.choices).toEqual(['a', 'c'])
  })

  test('a field naming a question not on the page is refused as tampering', async () => {
    const { structure, multi } = await build()
    const result = validateAnswers(structure.sections[0].questions, { [fieldName(multi.id)]: 'a' }, { enforceRequired: false })
    expect(result).toEqual({ ok: false, errors: { form: TAMPERED_MESSAGE } })
    expect(validateAnswers(structure.sections[0].questions, { 'q-not-a-uuid': 'x' }, { enforceRequired: false }).ok).toBe(false)
  })

  test('required questions are enforced only when asked, and confidentiality needs a reason', async () => {
    const { structure, long } = await build()
    const section = structure.sections[0].questions
    expect(validateAnswers(section, {}, { enforceRequired: false }).ok).toBe(true)
    expect(validateAnswers(section, {}, { enforceRequired: true })).toMatchObject({ ok: false, errors: { [fieldName(long.id)]: 'Enter your answer to Q1' } })
    expect(validateAnswers(section, { [fieldName(long.id)]: 'hi', [confidentialFieldName(long.id)]: 'yes' }, { enforceRequired: false })).toMatchObject({
      ok: false,
      errors: { [confidentialReasonFieldName(long.id)]: 'Explain why your answer to Q1 should be kept confidential' },
    })
    expect(missingRequired(structure.questions, {}).map((q) => q.label)).toEqual(['Q1'])
  })
})

describe('submissions and aggregation', () => {
  test('answers are saved, emptied answers removed, and counted over the caller’s scope', async () => {
    const { questionnaire, structure, single, long, scale } = await build()
    const subs = []
    for (const [i, choice] of ['yes', 'yes', 'no'].entries()) {
      const sub = await createSubmission(db, questionnaire.id, { id: null, name: `P${i}` })
      const one = validateAnswers(structure.sections[0].questions, { [fieldName(single.id)]: choice, [fieldName(long.id)]: 'words here' }, { enforceRequired: false })
      if (!one.ok) throw new Error('invalid')
      await saveAnswers(db, sub.id, one.answers, { id: null, name: `P${i}` })
      subs.push(sub)
    }
    const emptied = validateAnswers(structure.sections[0].questions, { [fieldName(single.id)]: 'no', [fieldName(long.id)]: '' }, { enforceRequired: false })
    if (!emptied.ok) throw new Error('invalid')
    await saveAnswers(db, subs[2].id, emptied.answers, { id: null, name: 'P2' })
    expect(Object.keys(await readAnswers(db, subs[2].id))).toEqual([single.id])
    const scope = db
      .select({ id: questionnaireSubmissions.id })
      .from(questionnaireSubmissions)
      .where(inArray(questionnaireSubmissions.id, [subs[0].id, subs[2].id]))
    const q2 = structure.questions.find((q) => q.id === single.id)!
    expect((await choiceCounts(db, q2, scope)).map((c) => [c.value, c.count])).toEqual([
      ['yes', 1],
      ['no', 1],
      ['other', 0],
    ])
    const theme = (await addTheme(db, structure.id, 'Costs'))!
    await setAnswerThemes(db, subs[0].id, long.id, [theme.id])
    expect((await listThemes(db, structure.id, scope, long.id)).map((t) => [t.name, t.count])).toEqual([['Costs', 1]])
    void scale
  })
})
