import { db } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { consultationRequests, type Consultation } from '~db/schema'

/** Feedback on the consultation process, or a request for an accessible format, acknowledged by email. */
export async function recordRequest(
  consultation: Consultation,
  input: { kind: 'process_feedback' | 'accessible_format'; name: string; email: string; format?: string | null; message: string; userId: string | null },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(consultationRequests).values({ consultationId: consultation.id, ...input, format: input.format ?? null }).returning()
    const what = input.kind === 'accessible_format' ? 'your request for an accessible format' : 'your feedback on how we consult'
    await queueEmail(
      {
        to: input.email,
        subject: `We have received ${what}: ${consultation.title}`,
        text: `Thank you. We have received ${what} about "${consultation.title}".\n\n${input.kind === 'accessible_format' ? 'We will reply within 5 working days.' : 'The consultation coordinator reads all feedback.'}\n`,
        idempotencyKey: `consultation-request-${row.id}`,
      },
      { tx },
    )
    return row
  })
}
