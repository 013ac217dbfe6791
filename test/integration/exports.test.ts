import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { subscribe } from '~/modules/newsletters/subscriptions.server'
import { createSurvey } from '~/modules/surveys/surveys.server'
import * as accountDownload from '~/routes/account.download'
import * as consultationCsv from '~/routes/staff.consultations.$id.export[.]csv'
import * as consultationJson from '~/routes/staff.consultations.$id.export[.]json'
import * as interestCsv from '~/routes/staff.pipeline.$id_.interest[.]csv'
import * as surveyCsv from '~/routes/staff.surveys.$id.results[.]csv'
import * as surveyJson from '~/routes/staff.surveys.$id.results[.]json'
import * as subscriberData from '~/routes/subscriptions.$token.data'
import { auditEvents, subscribers } from '~db/schema'
import { makeOpenConsultation } from '../support/consultations'
import { publishedNotice } from '../support/pipeline'
import { surveyInput } from '../support/surveys'
import { makeUser, request } from '../support/users'

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>
const load = async (route: { loader: unknown }, req: Request, params: Record<string, string>) => {
  const response = await (route.loader as Loader)({ request: req, params, context: { cspNonce: '', requestId: 'test' } })
  await response.text()
  return response
}

async function audited(action: string, subjectId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId)))
}

describe('exports', () => {
  test('every download of responses, interest, survey answers or personal data is in the audit log with who took it', async () => {
    const { user: staff, cookie } = await makeUser({ role: 'staff', name: 'Export Staff' })
    const actor = { id: staff.id, email: staff.email, name: staff.name }

    const consultation = await makeOpenConsultation(actor)
    for (const [route, action] of [
      [consultationCsv, 'consultation.export.csv'],
      [consultationJson, 'consultation.export.json'],
    ] as const) {
      expect((await load(route, request(`/staff/consultations/${consultation.id}/export`, { cookie }), { id: consultation.id })).status).toBe(200)
      expect(await audited(action, consultation.id)).toEqual([expect.objectContaining({ actorId: staff.id, actorEmail: staff.email })])
    }

    const notice = await publishedNotice(actor)
    expect((await load(interestCsv, request(`/staff/pipeline/${notice.id}/interest.csv`, { cookie }), { id: notice.id })).status).toBe(200)
    expect(await audited('pipeline.interest.export.csv', notice.id)).toEqual([expect.objectContaining({ actorId: staff.id })])

    const survey = await createSurvey(actor, surveyInput({ title: 'Supplier Survey export', opensAt: new Date(Date.now() - 20 * 86_400_000), closesAt: new Date(Date.now() - 86_400_000) }))
    // Anonymous or not, a download that is allowed is recorded with who took it; one refused records nothing.
    let allowed = 0
    for (const route of [surveyCsv, surveyJson]) {
      const response = await load(route, request(`/staff/surveys/${survey.id}/results`, { cookie }), { id: survey.id }).catch((thrown: unknown) => thrown as Response)
      if (response.status === 200) allowed += 1
      expect(await audited('survey.exported', survey.id)).toEqual(Array.from({ length: allowed }, () => expect.objectContaining({ actorId: staff.id })))
    }

    const { user: member, cookie: memberCookie } = await makeUser({ name: 'Downloading Member' })
    expect((await load(accountDownload, request('/account/download', { cookie: memberCookie }), {})).status).toBe(200)
    expect(await audited('account.export', member.id)).toEqual([expect.objectContaining({ actorId: member.id })])

    await subscribe({ email: 'reader@example.com', topics: ['newsletter'] })
    const [subscriber] = await db.select().from(subscribers).where(eq(subscribers.email, 'reader@example.com'))
    expect((await load(subscriberData, request(`/subscriptions/${subscriber!.token}/data`), { token: subscriber!.token })).status).toBe(200)
    expect(await audited('subscriber.export', subscriber!.id)).toHaveLength(1)
  })

  test('every CSV is written by the one helper, which escapes formulas', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    const own = files(path.resolve('app')).filter((f) => !f.endsWith(path.join('lib', 'csv.ts')) && /\.tsx?$/.test(f))
    // Quoting a cell by hand, or joining cells with a comma, is how an unescaped formula gets through.
    const offenders = own.filter((f) => /replace\(\/"\/g, '""'\)|\]\.map\(\w+\)\.join\(','\)|function csvCell/.test(readFileSync(f, 'utf8')))
    expect(offenders.map((f) => path.relative(process.cwd(), f))).toEqual([])
  })
})
