/**
 * `npm run bench`: builds the app, then measures it against generated data
 * on this machine. BENCH_QUICK=1 runs every scenario small and short, to
 * check the harness; BENCH_SECONDS sets the length of each load run.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from '~db/embedded'
import { hashSessionId } from '~/lib/session-ids.server'
import { runMigrations } from '~db/migrate'
import { meilisearchBinary, startLocalMeilisearch } from '~search/meilisearch-server'
import { freePort } from '../test/support/ports'
import { startApp, type AppProcess } from './app'
import type { CapturedPage } from './bare'
import { cpuSince, cpuUse, type CpuUse } from './cpu'
import { FULL_SIZES, generate, makeConsultation, surgeToken, uuidFrom, type Sizes } from './generate'
import { load, timeOne, type LoadResult, type Shot } from './load'
import { mb, peakBytes, residentBytes, resetPeak } from './memory'
import { startCountingSmtp } from './smtp'
import { measureCampaignDetection } from './campaigns'
import { IMPORT_ROWS, measureThemes } from './themes'

const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick')
const sizes: Sizes = quick ? { responses: 2_000, caseStudies: 500, notices: 100, subscribers: 300, surgeDrafts: 3_000 } : FULL_SIZES
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 10))
const readConnections = quick ? 5 : 50
// The surge arrives at a fixed rate (open loop), however slowly the hub answers; at most this many requests are open at once.
const surgeRate = Number(process.env.BENCH_SURGE_RATE ?? (quick ? 50 : 300))
const surgeSeconds = Number(process.env.BENCH_SURGE_SECONDS ?? (quick ? 2 : 60))
const surgeConnections = 500
const surgeWorkers = os.availableParallelism()
// BENCH_ONLY=visitors,member,search,analysis,campaigns,themes,surge,newsletter,scale runs only those scenarios (the baseline always runs).
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
const runs = (group: string) => !only || only.includes(group)

const log = (line: string) => console.log(`[bench] ${line}`)
type Row = { scenario: string; result?: LoadResult; peak: number; ratio?: number; note: string; target: string; met: boolean | null }
const rows: Row[] = []

const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-bench-'))
await chmod(dir, 0o755)
const cleanups: Array<() => Promise<unknown>> = []
async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch((e) => console.error(e))
  await rm(dir, { recursive: true, force: true })
}

function run(args: string[], env: Record<string, string | undefined>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

try {
  // A durable cluster (fsync and synchronous commit on), as in production.
  const pgPort = await freePort()
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort })
  cleanups.push(() => pg.stop())
  await pg.createDatabase('hub')
  const databaseUrl = pg.url('hub')
  await runMigrations(databaseUrl)
  process.env.DATABASE_URL = databaseUrl
  process.env.NODE_ENV = 'production'
  process.env.LOG_LEVEL = 'warn'
  delete process.env.MEILI_URL
  const { sql } = await import('~/lib/db.server')
  cleanups.push(() => sql.end({ timeout: 5 }))
  // The newsletter scenario queues its send from this process; its job connections close before the database stops.
  const { stopJobs } = await import('~/lib/jobs.server')
  cleanups.push(() => stopJobs())
  const { seedDemo } = await import('~db/seed/index')
  await seedDemo()
  log(`demo seeded; generating ${JSON.stringify(sizes)}`)
  const { big, surge, staff } = await generate(sql, sizes, log)

  let meili: Awaited<ReturnType<typeof startLocalMeilisearch>> | undefined
  if (meilisearchBinary()) {
    meili = await startLocalMeilisearch({ port: await freePort(), dataDir: path.join(dir, 'meilisearch') })
    cleanups.push(() => meili!.stop())
  }
  const meiliEnv: Record<string, string | undefined> = meili ? { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey } : {}
  let t = Date.now()
  await run(['scripts/reindex.ts'], { DATABASE_URL: databaseUrl, MEILI_URL: undefined, LOG_LEVEL: 'warn' })
  log(`PostgreSQL search index built (${((Date.now() - t) / 1000).toFixed(0)}s)`)
  if (meili) {
    t = Date.now()
    await run(['scripts/reindex.ts'], { DATABASE_URL: databaseUrl, ...meiliEnv, LOG_LEVEL: 'warn' })
    log(`Meilisearch indexes built (${((Date.now() - t) / 1000).toFixed(0)}s)`)
  } else log('Meilisearch is not installed: search runs on PostgreSQL only')

  const smtp = await startCountingSmtp()
  cleanups.push(() => smtp.close())
  // Behind a proxy on the same machine, as in production: the surge's respondents arrive from addresses of their own.
  const appEnv = { DATABASE_URL: databaseUrl, ...meiliEnv, SMTP_URL: smtp.url, MAIL_RATE_PER_SECOND: '1000', TRUST_PROXY: 'loopback' }
  // Serves the pages measured; the scenarios that need background work start a process that runs it.
  const app = await startApp({ port: await freePort(), env: { ...appEnv, RUN_WORKERS: 'false' } })
  cleanups.push(() => app.stop())
  log(`app started (pid ${app.pid}); ${readConnections} connections, ${seconds}s per run`)

  // A staff session made directly, as if signed in with password and authenticator code, so the
  // analysis pages are measured rather than signing in. The table holds the id's SHA-256.
  const sessionId = `bench-staff-${Date.now()}`
  await sql`insert into sessions (id, user_id, expires_at, second_factor)
    values (${hashSessionId(sessionId)}, ${staff.id}, now() + interval '1 day', 'verified')`
  const staffCookie = { Cookie: `__Host-hub_session=${sessionId}` }

  /** A member's session made in SQL, checked on the app: a session it did not recognise would measure a signed-out render with a cookie. */
  async function memberCookie() {
    const [member] = await sql<{ id: string }[]>`select id from users where role = 'member' order by created_at limit 1`
    const memberSession = `bench-member-${Date.now()}`
    await sql`insert into sessions (id, user_id, expires_at) values (${hashSessionId(memberSession)}, ${member.id}, now() + interval '1 day')`
    const cookie = { Cookie: `__Host-hub_session=${memberSession}` }
    if (!(await (await fetch(`${app.url}/`, { headers: cookie })).text()).includes('Sign out')) throw new Error('The member session was not recognised')
    return cookie
  }

  const [caseStudy] = await sql<{ slug: string }[]>`select slug from case_studies where status = 'published' order by created_at desc limit 1 offset 7`
  const [notice] = await sql<{ status: string; region: string }[]>`
    select status::text, regions[1] as region from pipeline_notices where published_at is not null and cardinality(regions) > 0 limit 1`
  const pipelinePath = `/pipeline?status=${notice?.status ?? 'planned'}${notice?.region ? `&region=${notice.region}` : ''}`

  async function measure(scenario: string, targets: AppProcess[], next: (i: number) => Shot | null, opts: { connections?: number; seconds?: number; keep?: boolean } = {}) {
    for (const a of targets) resetPeak(a.pid)
    // A short warm-up, so the first compile and cold caches are not counted.
    await load({ targets: targets.map((a) => a.url), connections: 2, seconds: 0.5, next })
    for (const a of targets) resetPeak(a.pid)
    const result = await load({ targets: targets.map((a) => a.url), connections: opts.connections ?? readConnections, seconds: opts.seconds ?? seconds, next, keepAcknowledged: opts.keep })
    const peak = Math.max(...targets.map((a) => peakBytes(a.pid)))
    log(
      `${scenario}: ${result.throughput.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.failed} failed ${JSON.stringify(result.statuses)}, peak ${mb(peak)}`,
    )
    return { result, peak }
  }
  const get = (p: string, headers?: Record<string, string>) => () => ({ path: p, headers })

  // Baseline: /cookies has no loader, and the root loader reads no database without a session cookie.
  const baseline = await measure('baseline /cookies', [app], get('/cookies'))
  rows.push({ scenario: 'Baseline: /cookies (static, no data access)', ...baseline, ratio: 1, note: '', target: '', met: null })
  const base = baseline.result.throughput

  // Visitors' pages, each against a bare Node server sending the bytes the hub sent for it.
  const visitorPages: Array<[string, string, number | null]> = [
    ['home page', '/', null],
    ['consultation page', `/consultations/${big.slug}`, 233],
    ['pipeline list with filters', pipelinePath, 113],
    ['What Works list', '/what-works', null],
    ['case-study page', `/what-works/${caseStudy.slug}`, 176],
  ]
  if (runs('visitors')) {
    const captured = await Promise.all(visitorPages.map(([, p]) => capture(app.url, p)))
    const pagesFile = path.join(dir, 'pages.json')
    await writeFile(pagesFile, JSON.stringify(captured))
    const bare = await startBare(await freePort(), pagesFile)
    cleanups.push(() => bare.stop())
    for (const [name, p] of visitorPages) {
      const reference = await measure(`Bare Node: ${name}`, [bare], get(p))
      const m = await measure(`Visitor: ${name}`, [app], get(p))
      const ratio = m.result.throughput / reference.result.throughput
      const bytes = captured.find((c) => c.path === p)!.body.length * 0.75
      rows.push({ scenario: `Bare Node http: ${name}`, ...reference, note: `${(bytes / 1024).toFixed(0)} KB as sent (gzip)`, target: '', met: null })
      rows.push({
        scenario: `Visitor: ${name}`,
        ...m,
        ratio,
        note: `${Math.round(ratio * 100)}% of bare Node; ${p}`,
        target: '≥ 25% of bare Node, p99 < 100 ms',
        met: ratio >= 0.25 && m.result.p99 < 100 && m.result.failed === 0,
      })
    }
  }
  if (runs('search')) {
    const m = await measure('Reading: search results', [app], get('/search?q=mentoring'))
    rows.push({ scenario: 'Reading: search results', ...m, ratio: m.result.throughput / base, note: '/search?q=mentoring (not cached: any query)', target: '', met: null })
  }

  // The same pages signed in as a member: rendered every time. With BENCH_BEFORE=<commit>, that commit is built
  // beside this one and measured in turn against the same database, page by page, as the same-run reference.
  if (runs('member')) {
    const before = process.env.BENCH_BEFORE ? await startBefore(process.env.BENCH_BEFORE, appEnv) : undefined
    const cookie = await memberCookie()
    for (const [name, p, recorded] of visitorPages) {
      const reference = before ? await measure(`Member, ${process.env.BENCH_BEFORE}: ${name}`, [before], get(p, cookie)) : undefined
      const m = await measure(`Member: ${name}`, [app], get(p, cookie))
      const earlier = reference?.result.throughput ?? recorded
      if (reference)
        rows.push({
          scenario: `Signed-in member, before (${process.env.BENCH_BEFORE}): ${name}`,
          ...reference,
          ratio: reference.result.throughput / base,
          note: 'same run, same database',
          target: '',
          met: null,
        })
      rows.push({
        scenario: `Signed-in member: ${name}`,
        ...m,
        ratio: m.result.throughput / base,
        note: earlier
          ? `${(m.result.throughput / earlier).toFixed(2)}× ${reference ? `${process.env.BENCH_BEFORE} in this run` : `the figure recorded on 22 Nov for the same render (${recorded} req/s)`}`
          : 'no earlier figure (set BENCH_BEFORE)',
        target: '≥ 2× before',
        met: earlier ? m.result.throughput >= 2 * earlier && m.result.failed === 0 : null,
      })
    }
    await before?.stop()
  }

  // Search over the case studies, with Meilisearch and with the PostgreSQL fallback.
  const searchPath = (i: number) => ({ path: `/search?type=case_studies&q=${['mentoring', 'prison leavers', 'carers', 'mentring', 'in-work support'][i % 5]}` })
  if (meili && runs('search')) {
    const m = await measure('Search: Meilisearch', [app], searchPath)
    rows.push({ scenario: 'Search: case studies, Meilisearch', ...m, ratio: m.result.throughput / base, note: '', target: 'p95 < 50 ms', met: m.result.p95 < 50 && m.result.failed === 0 })
  }
  if (runs('search')) {
    const fallback = await startApp({ port: await freePort(), env: { ...appEnv, MEILI_URL: undefined, MEILI_MASTER_KEY: undefined, RUN_WORKERS: 'false' } })
    try {
      const m = await measure('Search: PostgreSQL', [fallback], searchPath)
      rows.push({ scenario: 'Search: case studies, PostgreSQL fallback', ...m, ratio: m.result.throughput / base, note: '', target: 'p95 < 150 ms', met: m.result.p95 < 150 && m.result.failed === 0 })
    } finally {
      await fallback.stop()
    }
  }

  // Analysis of the 100,000 responses.
  if (runs('analysis')) {
    const [question] = await sql<{ id: string }[]>`select id from questionnaire_questions where questionnaire_id = ${big.questionnaireId} and type = 'long_text' order by position limit 1`
    const pages: Array<[string, string, number]> = [
      ['Analysis: dashboard', `/staff/consultations/${big.id}/analysis`, 1000],
      ['Analysis: per-question answers', `/staff/consultations/${big.id}/questions/${question.id}/answers`, 500],
    ]
    for (const [scenario, p, limit] of pages) {
      // The first view after the responses change counts them again; later views read the kept counts.
      const first = await timeOne(`${app.url}${p}`, staffCookie)
      log(`${scenario}: first view ${first.ms.toFixed(0)} ms (status ${first.status})`)
      resetPeak(app.pid)
      const times: number[] = []
      let status = 0
      for (let i = 0; i < 3; i++) {
        const r = await timeOne(`${app.url}${p}`, staffCookie)
        times.push(r.ms)
        status = r.status
      }
      const worst = Math.max(...times)
      log(`${scenario}: ${times.map((x) => x.toFixed(0)).join(', ')} ms (status ${status})`)
      rows.push({
        scenario,
        peak: peakBytes(app.pid),
        note: `slowest of 3: ${worst.toFixed(0)} ms, status ${status}; first view after the responses changed: ${first.ms.toFixed(0)} ms`,
        target: `< ${limit} ms`,
        met: worst < limit && first.ms < limit && status === 200,
      })
    }
    const before = residentBytes(app.pid)
    resetPeak(app.pid)
    const r = await timeOne(`${app.url}/staff/consultations/${big.id}/export.csv`, staffCookie)
    const growth = peakBytes(app.pid) - before
    log(`Analysis: CSV export ${(r.ms / 1000).toFixed(1)} s, ${mb(r.bytes)}, status ${r.status}, memory growth ${mb(growth)}`)
    rows.push({
      scenario: 'Analysis: full CSV export',
      peak: peakBytes(app.pid),
      note: `${(r.ms / 1000).toFixed(1)} s, ${mb(r.bytes)}, memory +${mb(growth)}`,
      target: '< 20 s, memory growth < 100 MB',
      met: r.status === 200 && r.ms < 20_000 && growth < 100 * 1024 * 1024,
    })
  }

  // Campaigns planted among the 100,000 responses, found as the worker finds them.
  if (runs('campaigns')) {
    const f = await measureCampaignDetection(sql, big.id, sizes.responses)
    log(`Campaign detection: ${f.seconds.toFixed(1)} s, precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}; ${f.note}`)
    rows.push({
      scenario: 'Analysis: campaign detection',
      peak: 0,
      note: `${f.seconds.toFixed(1)} s, precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}, memory +${mb(f.memoryGrowth)}; ${f.note}`,
      target: '< 60 s, precision and recall ≥ 0.95',
      met: f.seconds < 60 && f.precision >= 0.95 && f.recall >= 0.95,
    })
  }

  // Coding the answers: suggested themes over one question's answers, a bulk tag, and an import.
  if (runs('themes')) {
    const rowsToTag = Math.min(10_000, sizes.responses)
    const f = await measureThemes(sql, big, staff, () => makeConsultation(staff, 'Employment support framework: imported copy'), rowsToTag)
    const s = f.suggest
    log(`Theme suggestions: ${s.seconds.toFixed(1)} s over ${s.answers} answers, ${s.suggestions} suggestions, ${s.campaignsNamed} of 3 campaign letters named, memory +${mb(s.memoryGrowth)}`)
    rows.push({
      scenario: 'Analysis: suggested themes for one free-text question',
      peak: 0,
      note: `${s.seconds.toFixed(1)} s over ${s.answers.toLocaleString('en-GB')} answers, memory +${mb(s.memoryGrowth)}; ${s.suggestions} suggestions; ${s.campaignsNamed} of the 3 planted campaign letters named one (expected none: the generator makes every campaign response confidential)`,
      target: '< 60 s, memory growth < 300 MB',
      met: s.seconds < 60 && s.memoryGrowth < 300 * 1024 * 1024 && s.answers === sizes.responses,
    })
    log(`Bulk tagging: ${f.bulkTag.tagged} answers in ${f.bulkTag.seconds.toFixed(2)} s`)
    rows.push({
      scenario: `Analysis: bulk tagging ${rowsToTag.toLocaleString('en-GB')} answers`,
      peak: 0,
      note: `${f.bulkTag.seconds.toFixed(2)} s, ${f.bulkTag.tagged.toLocaleString('en-GB')} tagged`,
      target: '< 2 s',
      met: f.bulkTag.seconds < 2 && f.bulkTag.tagged === rowsToTag,
    })
    const im = f.import
    log(`Import: ${im.imported} of ${im.rows} rows in ${im.seconds.toFixed(1)} s; the same file again: ${im.again.imported} added, ${im.again.skipped} skipped in ${im.again.seconds.toFixed(1)} s`)
    rows.push({
      scenario: `Import: ${im.rows.toLocaleString('en-GB')} CSV rows of the export's columns, every row checked, all or nothing`,
      peak: 0,
      note: im.ok
        ? `${im.seconds.toFixed(1)} s, ${im.imported.toLocaleString('en-GB')} imported (${Math.round(im.imported / im.seconds).toLocaleString('en-GB')} rows a second); the same file again: ${im.again.imported} added, ${im.again.skipped.toLocaleString('en-GB')} skipped, ${im.again.seconds.toFixed(1)} s`
        : `the import was refused: ${im.problem}`,
      target: '< 30 s, and nothing added twice',
      met: im.ok && im.seconds < 30 && im.imported === IMPORT_ROWS && im.again.imported === 0 && im.again.skipped === IMPORT_ROWS,
    })
  }

  // Final-day surge: each request is the real submit action on its own prepared draft.
  if (runs('surge')) {
    // As `npm start` serves it: one worker per core, one of them also sending the acknowledgements at the default mail rate.
    const served = await startApp({ port: await freePort(), env: { ...appEnv, MAIL_RATE_PER_SECOND: undefined }, workers: surgeWorkers })
    cleanups.push(() => served.stop())
    const origin = new URL(served.url).origin
    // A server on a consultation's last day has been answering all day: the last drafts warm it up first and are not counted.
    const warmUpSeconds = quick ? 3 : 15
    const warmUp = Math.floor(sizes.surgeDrafts / 20)
    const measured = sizes.surgeDrafts - warmUp
    const draftId = (i: number) => uuidFrom(`bench-s-response-${i + 1}`)
    const shot = (i: number): Shot | null =>
      i >= sizes.surgeDrafts
        ? null
        : {
            path: `/consultations/${surge.slug}/response/${draftId(i)}/check`,
            method: 'POST',
            headers: {
              Cookie: `hub_consultation_response=${draftId(i)}.${surgeToken(i + 1)}`,
              Origin: origin,
              'Content-Type': 'application/x-www-form-urlencoded',
              'Content-Length': '0',
              // Each respondent from a network address of their own, as through the proxy in front of the hub:
              // every acknowledgement is counted against the mail limits and sent, as on a consultation's last day.
              'X-Forwarded-For': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
          }
    await load({ targets: [served.url], connections: surgeConnections, seconds: warmUpSeconds, rate: warmUp / warmUpSeconds, next: (i) => shot(measured + i) })
    const warmedUp = Array.from({ length: warmUp }, (_, i) => draftId(measured + i))
    for (const pid of served.pids) resetPeak(pid)
    const cpuBefore = cpuUse(served.pids)
    const result = await load({
      targets: [served.url],
      connections: surgeConnections,
      seconds: surgeSeconds,
      rate: surgeRate,
      next: (i) => (i < measured ? shot(i) : null),
      keepAcknowledged: true,
    })
    const cpu = cpuSince(cpuBefore, cpuUse(served.pids))
    const peak = Math.max(...served.pids.map(peakBytes))
    const answeredAt = Date.now()
    const acknowledged = new Set(result.acknowledged.map((s) => s.path.split('/')[4]))
    const submitted = await sql<{ id: string }[]>`
      select id from consultation_responses where consultation_id = ${surge.id} and status = 'submitted' and id <> all(${sql.array(warmedUp)}::uuid[])`
    const stored = new Set(submitted.map((s) => s.id))
    const lost = [...acknowledged].filter((id) => !stored.has(id)).length
    const unacknowledged = [...stored].filter((id) => !acknowledged.has(id)).length
    const [{ duplicates }] = await sql<{ duplicates: number }[]>`
      select count(*)::int as duplicates from (select submission_id from consultation_responses where consultation_id = ${surge.id} group by submission_id having count(*) > 1) d`
    const acknowledgementEmails = async () => {
      const [counts] = await sql<{ queued: number; sent: number }[]>`
        select count(*)::int as queued, (count(*) filter (where d.status = 'sent'))::int as sent
          from mail_deliveries d join consultation_responses r on d.idempotency_key = 'consultation-response-' || r.id || '-submitted'
         where r.consultation_id = ${surge.id} and r.id <> all(${sql.array(warmedUp)}::uuid[])`
      return counts
    }
    // The acknowledgements follow at the mail pump's pace; those still queued after a minute go before the newsletter scenario starts.
    const ACK_WAIT_SECONDS = 60
    let counts = await acknowledgementEmails()
    while (counts.sent < counts.queued && Date.now() < answeredAt + ACK_WAIT_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 1000))
      counts = await acknowledgementEmails()
    }
    const { queued: emails, sent } = counts
    const sentWithin = counts.sent < counts.queued ? ACK_WAIT_SECONDS : (Date.now() - answeredAt) / 1000
    await served.stop()
    const due = Math.min(measured, Math.ceil(surgeRate * surgeSeconds))
    const perSubmission = (seconds: number) => `${((seconds * 1000) / Math.max(1, result.requests)).toFixed(1)} ms`
    const note = `after ${warmUpSeconds} s of ${Math.round(warmUp / warmUpSeconds)} a second to warm up (other drafts, not counted): ${result.requests} of ${due} due sent; ${acknowledged.size} acknowledged, ${stored.size} stored, ${lost} lost, ${unacknowledged} stored but not acknowledged, ${duplicates} duplicates; ${emails} acknowledgement emails queued, ${sent} of them sent within ${sentWithin.toFixed(0)} s of the last answer (the mail pump's default pace: 50 a second); ${JSON.stringify(result.statuses)}; p99 of the requests due in each 10 s: ${result.p99ByTenSeconds.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; CPU per submission: app ${perSubmission(cpu.app)}, PostgreSQL ${perSubmission(cpu.postgres)}, load generator ${perSubmission(cpu.loadGenerator)}`
    log(`Surge: ${result.throughput.toFixed(0)} submissions/s answered, p99 ${result.p99.toFixed(0)} ms; ${note}`)
    rows.push({
      scenario: `Surge: ${surgeRate} submissions a second for ${surgeSeconds} s`,
      result,
      peak,
      ratio: result.throughput / base,
      note,
      target: '≥ 300/s for 60 s, p99 < 500 ms, exact',
      met: surgeRate >= 300 && surgeSeconds >= 60 && result.requests === due && result.failed === 0 && result.p99 < 500 && lost === 0 && unacknowledged === 0 && duplicates === 0,
    })
  }

  // Newsletter to every subscriber through the app's own worker and a local SMTP server.
  if (runs('newsletter')) {
    const worker = await startApp({ port: await freePort(), env: appEnv })
    cleanups.push(() => worker.stop())
    // Email queued earlier (the surge's acknowledgements) goes first, so the send is measured on its own.
    const waiting = async () => (await sql<{ n: number }[]>`select count(*)::int as n from mail_deliveries where priority is not null and status in ('queued', 'sending')`)[0].n
    const drainUntil = Date.now() + 600_000
    while ((await waiting()) > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 1000))
    const { documentFromPlainText, richTextFromDocument } = await import('~/lib/rich-text.server')
    const { createNewsletter } = await import('~/modules/newsletters/newsletters.server')
    const { sendNow } = await import('~/modules/newsletters/scheduling.server')
    const [{ total }] = await sql<{ total: number }[]>`select count(*)::int as total from subscribers where status = 'confirmed' and 'newsletter' = any(topics) and email like '%@bench.example'`
    const issue = await createNewsletter(
      { title: `Benchmark newsletter ${Date.now()}`, summary: 'Load test', body: richTextFromDocument(documentFromPlainText('Hello from the benchmark.')), blocks: [] },
      staff,
    )
    resetPeak(worker.pid)
    const started = performance.now()
    await sendNow(issue.id, staff)
    const limit = Date.now() + Number(process.env.BENCH_NEWSLETTER_SECONDS ?? (quick ? 120 : 300)) * 1000
    // Only the subscribers' messages count: the server has counted every earlier message too.
    const received = () => [...smtp.perRecipient.entries()].filter(([a]) => a.endsWith('@bench.example'))
    while (received().length < total && Date.now() < limit) await new Promise((r) => setTimeout(r, 500))
    const elapsed = (performance.now() - started) / 1000
    // A moment more, so a message sent twice would be seen.
    await new Promise((r) => setTimeout(r, 3000))
    const toSubscribers = received()
    const twice = toSubscribers.filter(([, n]) => n > 1).length
    const rate = toSubscribers.length / elapsed
    const note = `${toSubscribers.length} of ${total} delivered in ${elapsed.toFixed(0)} s (${rate.toFixed(0)}/s), ${twice} received twice`
    log(`Newsletter: ${note}`)
    rows.push({
      scenario: 'Newsletter: send to all subscribers',
      peak: peakBytes(worker.pid),
      note,
      target: '≥ 100 messages/s, each once',
      met: rate >= 100 && twice === 0 && toSubscribers.length === total,
    })
  }

  // Scale out: the visitors' mix on `npm start` with one worker, then two.
  if (runs('scale')) {
    // The visitors' mix is the target; the members' mix, rendered for every request, shows how the workers share the cores when the app is the limit.
    const cookie = await memberCookie()
    const mixes = [
      { name: "visitors' mix", target: true, next: (i: number) => ({ path: visitorPages[i % visitorPages.length][1] }) },
      { name: "members' mix", target: false, next: (i: number) => ({ path: visitorPages[i % visitorPages.length][1], headers: cookie }) },
    ]
    for (const mix of mixes) {
      const results: Array<{ result: LoadResult; peak: number; cpu: CpuUse }> = []
      for (const workers of [1, 2]) {
        const cluster = await startApp({ port: await freePort(), env: { ...appEnv, RUN_WORKERS: 'false' }, workers })
        try {
          const before = cpuUse(cluster.pids)
          const m = await measure(`Scale out, ${mix.name}: ${workers} worker${workers > 1 ? 's' : ''}`, [cluster], mix.next)
          results.push({ ...m, cpu: cpuSince(before, cpuUse(cluster.pids)) })
        } finally {
          await cluster.stop()
        }
      }
      const [one, two] = results
      const factor = two.result.throughput / one.result.throughput
      const share = ({ cpu }: { cpu: CpuUse }, r: LoadResult) => {
        const pct = (x: number) => `${Math.round((x / r.seconds) * 100)}%`
        return `CPU as a share of one core: app ${pct(cpu.app)}, load generator ${pct(cpu.loadGenerator)}, PostgreSQL ${pct(cpu.postgres)}, Meilisearch ${pct(cpu.meilisearch)}`
      }
      rows.push({ scenario: `Scale out: ${mix.name}, one worker`, ...one, ratio: one.result.throughput / base, note: share(one, one.result), target: '', met: null })
      rows.push({
        scenario: `Scale out: ${mix.name}, two workers`,
        ...two,
        ratio: two.result.throughput / base,
        note: `${factor.toFixed(2)}× one worker; ${share(two, two.result)}`,
        target: mix.target ? '≥ 1.6× one worker' : '',
        met: mix.target ? factor >= 1.6 : null,
      })
    }
  }
} finally {
  printTable()
  await cleanup()
}

/** Another commit, built in a directory of its own with this checkout's packages, served as one process. */
async function startBefore(ref: string, env: Record<string, string | undefined>): Promise<AppProcess> {
  const where = path.join(dir, 'before')
  await mkdir(where)
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(where)}`], { stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git archive ${ref} exited with ${code}`))))
  })
  await symlink(path.resolve('node_modules'), path.join(where, 'node_modules'))
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], { cwd: where, stdio: 'ignore' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building ${ref} exited with ${code}`))))
  })
  log(`${ref} built for comparison`)
  const app = await startApp({ port: await freePort(), env: { ...env, RUN_WORKERS: 'false' }, cwd: where })
  cleanups.push(() => app.stop())
  return app
}

/** The page exactly as the load generator receives it (gzip), to be sent again by the bare server. */
function capture(base: string, pagePath: string) {
  return new Promise<CapturedPage>((resolve, reject) => {
    const url = new URL(pagePath, base)
    http
      .get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const headers: Record<string, string> = {}
          for (const name of ['content-type', 'content-encoding', 'cache-control', 'vary', 'etag']) {
            const value = res.headers[name]
            if (typeof value === 'string') headers[name] = value
          }
          resolve({ path: pagePath, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('base64') })
        })
      })
      .on('error', reject)
  })
}

async function startBare(port: number, file: string): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare.ts', String(port), file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    pids: [child.pid!],
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
    },
  }
}

function printTable() {
  const cell = (n: number | undefined, d = 1) => (n === undefined || !Number.isFinite(n) ? '' : n.toFixed(d))
  const lines = [
    '| Scenario | req/s | p50 ms | p95 ms | p99 ms | peak memory | vs baseline | target | met | notes |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${cell(r.result?.throughput, 0)} | ${cell(r.result?.p50)} | ${cell(r.result?.p95)} | ${cell(r.result?.p99)} | ${mb(r.peak)} | ${r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}%`} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : 'no'} | ${r.note} |`,
    ),
  ]
  console.log(`\nCommissioning Hub benchmark, ${new Date().toISOString()}, ${os.cpus().length} CPUs, ${quick ? 'QUICK sizes' : 'full sizes'}\n`)
  console.log(lines.join('\n'))
}
process.exit(0)
