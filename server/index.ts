import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import cluster from 'node:cluster'
import express from 'express'
import http from 'node:http'
import path from 'node:path'
import { config } from '~/lib/config.server'
import { logger } from '~/lib/logger.server'
import { keepSharedDataWith } from '~/lib/shared-data.server'
import { PageCache, contentChangeListener } from './page-cache'
import { limitBody } from './body-limit'
import { pageHandler } from './page-handler'
import { requestLogger } from './request-log'
import { checkOrigin, requestId, securityHeaders } from './security'
import { cachedPageAnswer } from './visitor-pages'
import { startServices } from './services'

const cfg = config()
const production = cfg.NODE_ENV === 'production'

const services = await startServices()

// Imported after the database address is known: these open the shared pool.
const { sql } = await import('~/lib/db.server')
const { reportDatabaseError } = await import('~/lib/db-health.server')
const { startJobs, stopJobs } = await import('~/jobs.server')
if (cfg.SEED_DEMO) {
  const { seedDemo } = await import('~db/seed/index')
  if (await seedDemo()) logger.info('demo content added')
}
if (cfg.RUN_WORKERS) await startJobs()

const vite = production ? undefined : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true }, appType: 'custom' }))

let stopping = false
const app = express()
app.disable('x-powered-by')
app.set('trust proxy', cfg.TRUST_PROXY)
const logRequest = requestLogger(logger)
app.use(requestId)
app.use(logRequest)
// GOV.UK pages are small; the fastest level keeps nearly all of the saving at a fraction of the CPU.
app.use(compression({ level: 1 }))
app.use(securityHeaders({ production }))

app.get('/healthz', (_req, res) => {
  res.type('text/plain').send('ok')
})
app.get('/readyz', async (_req, res) => {
  try {
    await sql`select 1`
    res.type('text/plain').send('ready')
  } catch (error) {
    reportDatabaseError(error)
    logger.warn({ err: error }, 'readiness check failed')
    res.status(503).type('text/plain').send('database unreachable')
  }
})

app.use('/govuk-assets', express.static('node_modules/govuk-frontend/dist/govuk/assets', { maxAge: '7d' }))
if (vite) {
  app.use(vite.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  // Only paths that name a file look on disk, so a page request costs no filesystem call.
  const publicFiles = express.static('build/client', { maxAge: '1h' })
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
}

app.use(checkOrigin)
app.use(limitBody())

const build = vite ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild> : ((await import(path.resolve('build/server/index.js'))) as ServerBuild)

// Visitor pages are shared only in production, where the build does not change under the process.
const contentChanges = production && cfg.PAGE_CACHE_MB > 0 ? contentChangeListener(config().DATABASE_URL!) : undefined
const pageCache = contentChanges ? new PageCache({ maxBytes: cfg.PAGE_CACHE_MB * 1024 * 1024, ttlMs: 60_000, nextScheduledChange: contentChanges.nextScheduledChange }) : undefined
if (pageCache) await contentChanges!.start(pageCache)
keepSharedDataWith(pageCache)
// A parent process (the cluster's primary, or a test) may ask what the cache holds.
process.on('message', (message) => {
  if (message === 'page-cache:snapshot') process.send?.({ pageCache: pageCache?.snapshot() ?? null })
})

app.all(
  '*',
  pageHandler({
    build,
    mode: cfg.NODE_ENV,
    cache: pageCache,
    trustProxy: app.get('trust proxy fn'),
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, requestId: res.locals.requestId as string, clientIp: req.ip }),
  }),
)

const answerFromCache = pageCache ? cachedPageAnswer({ cache: pageCache, production, trustProxy: app.get('trust proxy fn'), log: logRequest }) : undefined
const server = http.createServer((req, res) => {
  // While stopping, every answer closes its connection, so no client is left holding one this process is about to close.
  if (stopping) res.setHeader('Connection', 'close')
  if (answerFromCache?.(req, res)) return
  app(req, res)
})
server.listen(cfg.PORT, cfg.HOST, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : cfg.PORT
  logger.info({ url: `http://${cfg.HOST}:${port}` }, 'Commissioning Hub listening')
})
server.keepAliveTimeout = 65_000

async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  const force = setTimeout(() => process.exit(1), 15_000).unref()
  // Busy keep-alive connections are closed by their next answer; a moment later the rest are idle and closing them races nobody.
  await new Promise((resolve) => setTimeout(resolve, cluster.isWorker ? 1000 : 0))
  const closed = new Promise((resolve) => server.close(resolve))
  const idle = setInterval(() => server.closeIdleConnections(), 250)
  await closed
  clearInterval(idle)
  await stopJobs().catch((err) => logger.error({ err }, 'stopping jobs failed'))
  await contentChanges?.stop()
  await vite?.close()
  await sql.end({ timeout: 5 }).catch(() => {})
  await services.stop()
  clearTimeout(force)
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
