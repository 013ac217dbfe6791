import type postgres from 'postgres'
import { CAMPAIGNS } from './generate'

type Actor = { id: string; email: string; name?: string }
export type ThemeFigures = {
  suggest: { seconds: number; memoryGrowth: number; answers: number; suggestions: number; campaignsNamed: number }
  bulkTag: { seconds: number; tagged: number }
  import: { seconds: number; rows: number; imported: number; ok: boolean; problem: string; again: { seconds: number; imported: number; skipped: number } }
}

/** The figure: an import of 10,000 rows, whatever the size of the consultation they are exported from. */
export const IMPORT_ROWS = 10_000

/** Peak resident memory above where it started while `work` runs, sampled every 50 ms. */
async function withMemory<T>(work: () => Promise<T>) {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  try {
    const value = await work()
    return { value, seconds: (performance.now() - started) / 1000, growth: Math.max(peak, process.memoryUsage().rss) - before }
  } finally {
    clearInterval(sampler)
  }
}

/**
 * The coding work on the large consultation, as the worker and the staff
 * pages do it: suggested themes for its first free-text question (every
 * answer, the planted campaign letters among them), one bulk action tagging
 * 10,000 of those answers, and an import of 10,000 of its exported rows into
 * a copy of it.
 */
export async function measureThemes(sql: postgres.Sql, big: { id: string }, staff: Actor, copy: () => Promise<{ id: string }>, rows: number): Promise<ThemeFigures> {
  const { db } = await import('~/lib/db.server')
  const { getConsultation } = await import('~/modules/consultations/consultations.server')
  const { makeSuggestions } = await import('~/modules/consultations/theme-suggestions.server')
  const { addConsultationTheme, bulkTagAnswers } = await import('~/modules/consultations/coding-frame.server')
  const { exportResponses } = await import('~/modules/consultations/analysis.server')
  const { importResponses } = await import('~/modules/consultations/import.server')
  const { getStructure } = await import('~/modules/questionnaires/structure.server')
  const { parseCsv, csvLine } = await import('~/lib/csv')
  const consultation = (await getConsultation(db, big.id))!
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const question = structure.questions.find((q) => q.type === 'long_text')!

  const suggested = await withMemory(() => makeSuggestions(consultation, question.id))
  const labels = await sql<{ phrases: string[] }[]>`select phrases from theme_suggestions where question_id = ${question.id}`
  // A campaign letter is named when some suggestion's phrases all come from it.
  const campaignsNamed = CAMPAIGNS.filter((letter) => labels.some((l) => l.phrases.length > 1 && l.phrases.every((p) => letter.toLowerCase().includes(p)))).length

  const theme = await addConsultationTheme(staff, consultation, { name: `Bench theme ${Date.now()}`, description: '' })
  const ids = await sql<{ id: string }[]>`
    select a.submission_id as id from questionnaire_answers a join consultation_responses r on r.submission_id = a.submission_id
    where r.consultation_id = ${consultation.id} and a.question_id = ${question.id} and coalesce(a.text, '') <> '' order by a.submission_id limit ${rows}`
  let started = performance.now()
  const bulk = await bulkTagAnswers(staff, consultation, question, { themeId: theme.id, action: 'tag', selection: { submissionIds: ids.map((r) => r.id) } })
  const bulkSeconds = (performance.now() - started) / 1000

  // The export's own file, cut or repeated to 10,000 rows; a repeated row gets a reference of its own, so it is a new response.
  const [header, ...exported] = parseCsv(await new Response(exportResponses(consultation, structure, 'csv')).text())
  const reference = header.indexOf('reference')
  const body = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const row = [...exported[i % exported.length]]
    if (i >= exported.length) row[reference] = `${row[reference]}-${Math.floor(i / exported.length)}`
    return row
  })
  const file = [header, ...body].map((r) => csvLine(r)).join('')
  const target = (await getConsultation(db, (await copy()).id))!
  started = performance.now()
  const imported = await importResponses(staff, target, file, 'bench.csv')
  const importSeconds = (performance.now() - started) / 1000
  // The same file again: every row checked again, and nothing added twice.
  started = performance.now()
  const again = await importResponses(staff, target, file, 'bench.csv')
  const againSeconds = (performance.now() - started) / 1000

  return {
    suggest: { seconds: suggested.seconds, memoryGrowth: suggested.growth, answers: suggested.value.answers, suggestions: suggested.value.suggestions, campaignsNamed },
    bulkTag: { seconds: bulkSeconds, tagged: bulk.changed },
    import: {
      seconds: importSeconds,
      rows: body.length,
      imported: imported.ok ? imported.imported : 0,
      again: { seconds: againSeconds, imported: again.ok ? again.imported : -1, skipped: again.ok ? again.skipped : 0 },
      ok: imported.ok,
      problem: imported.ok ? '' : JSON.stringify([...imported.fileErrors, ...imported.problems.slice(0, 2)]).slice(0, 300),
    },
  }
}
