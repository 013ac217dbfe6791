import { csvLine } from '~/lib/csv'
import type { Consultation } from '~db/schema'
import type { NumberedQuestion } from '../questionnaires/structure.server'

type ExportStream<Row, Record> = {
  consultation: Pick<Consultation, 'title' | 'slug'>
  questions: NumberedQuestion[]
  format: 'csv' | 'json'
  /** Batches of rows from a database cursor, so memory stays flat however many responses there are. */
  rows: AsyncIterator<Row[]>
  /** One response as the JSON download gives it. */
  record: (row: Row) => Record
  csvHeader: unknown[]
  /** One response's CSV cells, from its JSON record. */
  csvCells: (record: Record) => unknown[]
  /** More of the JSON download's opening object, read when the download starts (the coding frame with its counts, say). */
  jsonHeader?: () => Promise<{ [key: string]: unknown }>
}

/** A consultation's responses as a CSV or JSON download, streamed batch by batch from a database cursor. */
export function responseExportStream<Row, Record>({ consultation, questions, format, rows, record, csvHeader, csvCells, jsonHeader }: ExportStream<Row, Record>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let first = true
  let started = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        if (format === 'csv') {
          controller.enqueue(encoder.encode(csvLine(csvHeader)))
          return
        }
        const head = {
          consultation: { title: consultation.title, slug: consultation.slug },
          questions: questions.map((q) => ({ id: q.label, text: q.text })),
          ...(jsonHeader ? await jsonHeader() : {}),
        }
        controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"responses":[\n`))
        return
      }
      const next = await rows.next()
      if (next.done) {
        if (format === 'json') controller.enqueue(encoder.encode(']}\n'))
        controller.close()
        return
      }
      let chunk = ''
      for (const row of next.value) {
        if (format === 'json') {
          chunk += `${first ? '' : ',\n'}${JSON.stringify(record(row))}`
          first = false
        } else chunk += csvLine(csvCells(record(row)))
      }
      controller.enqueue(encoder.encode(chunk))
    },
    async cancel() {
      await rows.return?.()
    },
  })
}
