import { createHash } from 'node:crypto'
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { parseCsv } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { issuesToErrors, type FormValues } from '~/lib/forms'
import { fromLondon } from '~/lib/time'
import { consultationResponses, type Consultation, type ResponseChannel } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { validateAnswers } from '../questionnaires/answers.server'
import {
  AGREE_SCALE,
  confidentialFieldName,
  confidentialReasonFieldName,
  fieldName,
  isChoiceType,
  optionsFor,
  OTHER_VALUE,
  otherFieldName,
  statementFieldName,
  type EngineQuestion,
} from '../questionnaires/questions'
import { getStructure, type NumberedQuestion } from '../questionnaires/structure.server'
import { isFreeText } from '../questionnaires/themes.server'
import { themesColumn } from './analysis.server'
import { tagImportedAnswers, themeNameError } from './coding-frame.server'
import { detailsSchema } from './details-form'
import { CONSENT_OPTIONS, RESPONDENT_TYPES } from './options'
import { offlineDetails } from './offline-form.server'
import { checkReceivedDay, insertReceived, type ReceivedResponse } from './received.server'

/**
 * Importing responses from a CSV file in the staff export's own columns, so
 * an export from one consultation imports into another with the same
 * questions. Every row is checked as the online form checks it; one bad row
 * and nothing is imported. A row's key is its `reference` when it has one,
 * otherwise a hash of its cells, so importing the same file again adds
 * nothing twice.
 */

export type ImportProblem = { row: number; reasons: string[] }
export type ImportResult = { ok: true; imported: number; skipped: number } | { ok: false; fileErrors: string[]; problems: ImportProblem[]; badRows: number }

const DETAIL_COLUMNS = ['respondent_type', 'name', 'publishing_consent', 'response_confidential'] as const
const YES = new Set(['yes', 'true', 'y', '1'])

/** The export's column for each field of the details form, so a bad row names the cell to correct rather than a form's question. */
const DETAIL_COLUMN_OF: Record<string, string> = {
  respondentType: 'respondent_type',
  name: 'name',
  email: 'email',
  organisationName: 'organisation',
  represents: 'represents',
  howViewsAssembled: 'how_views_assembled',
  publishingConsent: 'publishing_consent',
  confidentialReason: 'response_confidential_reason',
}
const oneOf = (values: readonly { value: string }[]) =>
  values
    .map((o) => `“${o.value}”`)
    .join(values.length > 2 ? ', ' : ' or ')
    .replace(/, (“[^”]*”)$/, ' or $1')

/** A details problem as a spreadsheet's user can act on it: the column, what it holds, what it must hold. */
function detailProblem(field: string, message: string, cell: (name: string) => string) {
  const column = DETAIL_COLUMN_OF[field] ?? field
  const held = cell(column) ? `“${cell(column)}”` : 'blank'
  if (field === 'respondentType') return `${column} is ${held}: it must be ${oneOf(RESPONDENT_TYPES)}`
  if (field === 'publishingConsent') return `${column} is ${held}: it must be ${oneOf(CONSENT_OPTIONS)}`
  // The form speaks to the respondent; the file is the respondent's details as someone else typed them.
  return `${column}: ${message.replace(/\byour\b/g, 'the respondent’s')}`
}

/** The export writes a formula-looking cell with a leading apostrophe; reading it back takes that off. */
const cellText = (value: string | undefined) => {
  const v = (value ?? '').trim()
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v
}

/** A choice question's option values by their labels, whatever their case: made once per file, not per row. */
const optionsByLabel = (q: EngineQuestion) => new Map(optionsFor(q).map((o) => [o.label.toLowerCase(), o.value]))

/** The answer as the export wrote it (answerText), back to the form's values. */
function answerValues(q: EngineQuestion, text: string, byLabel: Map<string, string>): { fields: FormValues; unknown?: string } {
  if (!text) return { fields: {} }
  if (q.type === 'grid') return gridValues(q, text)
  if (q.type === 'date') return dateValues(q, text)
  if (!isChoiceType(q.type)) return { fields: { [fieldName(q.id)]: [text] } }
  const values: string[] = []
  const fields: FormValues = {}
  // Single choices are one label; Other comes last and its text may hold the separator itself.
  const parts = q.type === 'single_choice' || q.type === 'agree_scale' || q.type === 'rating' ? [text] : text.split(/;\s*/)
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i].trim()
    if (!part) continue
    if (q.type === 'ranking') part = part.replace(/^\d+\.\s*/, '')
    if (/^other:/i.test(part) && byLabel.has('other (please specify)')) {
      values.push(OTHER_VALUE)
      fields[otherFieldName(q.id)] = text.slice(text.indexOf(parts[i])).replace(/^other:\s*/i, '')
      break
    }
    const value = byLabel.get(part.toLowerCase())
    if (!value) return { fields: {}, unknown: part }
    values.push(value)
  }
  if (values.length) fields[fieldName(q.id)] = values
  return { fields }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/** A date as the export writes it (“27 March 2026”), or as 2026-03-27, back to the date input's day, month and year. */
function dateValues(q: EngineQuestion, text: string): { fields: FormValues; unknown?: string } {
  const words = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text.trim())
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim())
  const [day, month, year] = words ? [words[1], String(MONTHS.indexOf(words[2].toLowerCase()) + 1), words[3]] : iso ? [iso[3], iso[2], iso[1]] : []
  if (!day || !month || !year || month === '0') return { fields: {}, unknown: text }
  const name = fieldName(q.id)
  return { fields: { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year } }
}

/**
 * A grid's “Statement: Agree; Other statement: Disagree”, statements in
 * their order. Read statement by statement rather than split on “;”, since
 * a statement's own words may hold it.
 */
function gridValues(q: EngineQuestion, text: string): { fields: FormValues; unknown?: string } {
  const fields: FormValues = {}
  let rest = text.trim()
  let next = 0
  while (rest) {
    const lower = rest.toLowerCase()
    const at = q.options.findIndex((s, i) => i >= next && lower.startsWith(`${s.label.toLowerCase()}:`))
    const statement = q.options[at]
    const after = statement ? rest.slice(statement.label.length + 1).trimStart() : ''
    const point = statement && AGREE_SCALE.find((p) => new RegExp(`^${p.label}\\s*(;|$)`, 'i').test(after))
    if (!statement || !point) return { fields: {}, unknown: rest.split(/;\s*/)[0] }
    fields[statementFieldName(q.id, statement.value)] = point.value
    rest = after.slice(point.label.length).replace(/^\s*;\s*/, '')
    next = at + 1
  }
  return { fields }
}

/** The London day a row's response arrived, as written: its received_at, else its submitted_at; null if it is no date. */
function receivedDayKey(row: (name: string) => string): string | null {
  const raw = row('received_at') || row('submitted_at')
  const match = /^\d{4}-\d{2}-\d{2}/.exec(raw)
  if (!match) return null
  if (raw.length > 10 && Number.isNaN(new Date(raw).getTime())) return null
  return match[0]
}

/** The start of a London day written 2013-09-27, or null if there is no such day. */
function londonDay(key: string): Date | null {
  const [y, m, d] = key.split('-').map(Number)
  const probe = new Date(Date.UTC(y, m - 1, d))
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null
  return fromLondon(y, m, d)
}

/** The theme names in a themes cell, each once whatever its case. */
function themeNames(text: string) {
  const seen = new Set<string>()
  return text
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()))
}

function rowKey(cells: string[], reference: string) {
  return reference ? `reference:${reference}` : `row:${createHash('sha256').update(cells.join('\u001f')).digest('hex')}`
}

/** Checks every row; reports every bad row with its number as a spreadsheet shows it (the header is row 1). */
export function readImport(text: string, consultation: Consultation, questions: NumberedQuestion[], now = new Date()) {
  const rows = parseCsv(text)
  const header = (rows[0] ?? []).map((h) => cellText(h))
  const index = new Map(header.map((h, i) => [h, i]))
  const fileErrors: string[] = []
  for (const column of DETAIL_COLUMNS) if (!index.has(column)) fileErrors.push(`The file has no ${column} column. Use the columns of the responses export`)
  // One message for every missing question, so a file of the wrong consultation is one line to read, not one per question.
  const missing = questions.filter((q) => !index.has(q.label)).map((q) => q.label)
  if (missing.length) {
    const named = missing.length === 1 ? `a column for ${missing[0]}` : `columns for ${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`
    fileErrors.push(`The file has no ${named}. It must have the same questions as this consultation`)
  }
  const received: Array<ReceivedResponse & { importKey: string; reference: string; themes: Record<string, string[]> }> = []
  const problems: ImportProblem[] = []
  if (fileErrors.length) return { fileErrors, problems, received }
  const options = new Map(questions.map((q) => [q.id, optionsByLabel(q)]))
  // A file holds a few hundred days at most: each is turned into a London day and checked once.
  const days = new Map<string, { day: Date | null; error: string | null }>()
  const dayOf = (key: string) => {
    let known = days.get(key)
    if (!known) {
      const day = londonDay(key)
      known = { day, error: day && checkReceivedDay(consultation, day, now) }
      days.set(key, known)
    }
    return known
  }
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]
    if (cells.every((c) => !c.trim())) continue
    const cell = (name: string) => {
      const i = index.get(name)
      return i === undefined ? '' : cellText(cells[i])
    }
    const reasons: string[] = []
    const type = cell('respondent_type').toLowerCase()
    const confidential = YES.has(cell('response_confidential').toLowerCase())
    const detailValues: FormValues = {
      respondentType: type,
      name: cell('name'),
      organisationName: cell('organisation'),
      represents: cell('represents'),
      howViewsAssembled: cell('how_views_assembled'),
      publishingConsent: cell('publishing_consent').toLowerCase(),
      confidential: confidential ? 'yes' : 'no',
      confidentialReason: cell('response_confidential_reason'),
    }
    if (cell('email')) detailValues.email = cell('email')
    const details = detailsSchema.safeParse(detailValues)
    if (!details.success) reasons.push(...Object.entries(issuesToErrors(details.error.issues)).map(([field, message]) => detailProblem(field, message, cell)))
    const answerForm: FormValues = {}
    for (const q of questions) {
      const parsed = answerValues(q, cell(q.label), options.get(q.id)!)
      if (parsed.unknown)
        reasons.push(
          `${q.label}: “${parsed.unknown}” is not ${q.type === 'grid' ? 'one of the question’s statements with an answer from its scale' : q.type === 'date' ? 'a date like 27 March 2026' : 'one of the question’s options'}`,
        )
      Object.assign(answerForm, parsed.fields)
      if (YES.has(cell(`${q.label}_confidential`).toLowerCase())) {
        answerForm[confidentialFieldName(q.id)] = 'yes'
        answerForm[confidentialReasonFieldName(q.id)] = cell(`${q.label}_confidential_reason`)
      }
    }
    const themes: Record<string, string[]> = {}
    for (const q of questions) {
      if (!isFreeText(q.type) || !index.has(themesColumn(q.label))) continue
      const names = themeNames(cell(themesColumn(q.label)))
      for (const name of names) {
        const error = themeNameError(name)
        if (error) reasons.push(`${themesColumn(q.label)}: ${error}`)
      }
      if (names.length && !cell(q.label)) reasons.push(`${themesColumn(q.label)}: themes are given for an answer that is blank`)
      if (names.length) themes[q.id] = names
    }
    const answers = validateAnswers(questions, answerForm, { enforceRequired: true })
    if (!answers.ok) reasons.push(...Object.values(answers.errors))
    const dayKey = receivedDayKey(cell)
    const { day, error: dayError } = dayKey ? dayOf(dayKey) : { day: null, error: null }
    if (!day) reasons.push('Enter the date received (received_at or submitted_at) as a date like 2013-09-27')
    else if (dayError) reasons.push(dayError)
    if (reasons.length || !details.success || !answers.ok || !day) {
      problems.push({ row: r + 1, reasons })
      continue
    }
    const channel = cell('channel').toLowerCase()
    const submitted = cell('submitted_at') ? new Date(cell('submitted_at')) : day
    received.push({
      details: offlineDetails(details.data),
      answers: answers.answers,
      channel: (channel === 'email' || channel === 'post' ? channel : 'imported') as ResponseChannel,
      receivedAt: day,
      submittedAt: Number.isNaN(submitted.getTime()) || submitted < consultation.opensAt || submitted > now ? (day < consultation.opensAt ? consultation.opensAt : day) : submitted,
      importKey: rowKey(cells, cell('reference')),
      reference: cell('reference'),
      themes,
    })
  }
  return { fileErrors, problems, received }
}

/**
 * Imports a file of responses in one transaction: every row or none. Rows
 * already imported (by key), or whose reference is a response to this
 * consultation already, are skipped, as are repeats within the file.
 */
export async function importResponses(actor: Actor, consultation: Consultation, text: string, fileName: string, now = new Date()): Promise<ImportResult> {
  if (consultation.status !== 'published') return { ok: false, fileErrors: ['Responses can be imported once the consultation is published'], problems: [], badRows: 0 }
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const read = readImport(text, consultation, structure.questions, now)
  if (read.fileErrors.length || read.problems.length) return { ok: false, fileErrors: read.fileErrors, problems: read.problems.slice(0, 50), badRows: read.problems.length }
  if (!read.received.length) return { ok: false, fileErrors: ['The file has no responses in it'], problems: [], badRows: 0 }
  return db.transaction(async (tx) => {
    // Two imports of the same file at once: the second waits, then finds the rows already there.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consultation-import:${consultation.id}`}))`)
    const keys = read.received.map((r) => r.importKey)
    const references = read.received.map((r) => r.reference).filter(Boolean)
    const seen = new Set<string>()
    for (let i = 0; i < keys.length; i += 5000) {
      const batch = keys.slice(i, i + 5000)
      const found = await tx
        .select({ key: consultationResponses.importKey })
        .from(consultationResponses)
        .where(and(eq(consultationResponses.consultationId, consultation.id), isNotNull(consultationResponses.importKey), inArray(consultationResponses.importKey, batch)))
      for (const f of found) seen.add(f.key!)
    }
    for (let i = 0; i < references.length; i += 5000) {
      const found = await tx
        .select({ reference: consultationResponses.reference })
        .from(consultationResponses)
        .where(and(eq(consultationResponses.consultationId, consultation.id), inArray(consultationResponses.reference, references.slice(i, i + 5000))))
      for (const f of found) seen.add(`reference:${f.reference}`)
    }
    const fresh = read.received.filter((r) => {
      if (seen.has(r.importKey)) return false
      seen.add(r.importKey)
      return true
    })
    const inserted = await insertReceived(tx, actor, consultation, fresh)
    const themesAdded = await tagImportedAnswers(
      tx,
      consultation,
      fresh.map((r, i) => ({ submissionId: inserted[i].submissionId, themes: r.themes })),
    )
    await recordAudit(tx, {
      actor,
      action: 'consultation.response.import',
      subjectType: 'consultation',
      subjectId: consultation.id,
      after: { file: fileName, imported: fresh.length, skipped: read.received.length - fresh.length, themesAdded },
    })
    return { ok: true as const, imported: fresh.length, skipped: read.received.length - fresh.length }
  })
}
