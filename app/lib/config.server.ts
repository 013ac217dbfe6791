import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal'])

function validProxyEntry(entry: string) {
  if (PROXY_PRESETS.has(entry)) return true
  const [address, bits, extra] = entry.split('/')
  const family = net.isIP(address)
  if (!family || extra !== undefined) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128)
}

/**
 * Which peers may set X-Forwarded-For, in Express's terms: nobody (the
 * default, so a client cannot choose the address its sign-in attempts count
 * against), a number of proxy hops, or addresses, CIDR ranges and the names
 * loopback, linklocal and uniquelocal.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    const text = value?.trim() ?? ''
    if (text === '' || text === 'none' || text === 'false') return false
    if (/^\d+$/.test(text)) return Number(text)
    const entries = text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
    const bad = entries.filter((e) => !validProxyEntry(e))
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `not an address, CIDR range, hop count or one of loopback, linklocal, uniquelocal: ${bad.join(', ')}` })
      return z.NEVER
    }
    return entries
  })

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  APP_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_EMBEDDED: booleanFlag,
  MEILI_EMBEDDED_PORT: z.coerce.number().int().min(1).max(65535).default(7700),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('Commissioning Hub <no-reply@commissioning-hub.example>'),
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10000).default(50),
  GOVUK_BRAND: booleanFlag,
  SEED_DEMO: booleanFlag,
  RUN_WORKERS: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v !== 'false' && v !== '0'),
  /** Open Contracting ID prefix registered with the OCDS helpdesk ("ocds-" and six characters). */
  OCDS_OCID_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}$/, { error: 'must be "ocds-" followed by six lower-case letters or digits' })
    .default('ocds-chub00'),
  /** Signs the flash cookie; every process and server behind one address needs the same value. */
  COOKIE_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  /** Memory for each process's cache of rendered visitor pages; 0 turns the cache off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = z.infer<typeof schema>

/**
 * Parses the environment once. A bad value stops start-up with a message
 * naming the variable, rather than failing later somewhere less obvious.
 */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid configuration:\n${problems}`)
  }
  return result.data
}

let cached: Config | undefined

export function config(): Config {
  if (!cached) {
    cached = parseConfig()
    if (!cached.COOKIE_SECRET) {
      // Written back to the environment so processes forked from this one sign alike.
      process.env.COOKIE_SECRET = randomBytes(32).toString('base64url')
      cached = { ...cached, COOKIE_SECRET: process.env.COOKIE_SECRET }
    }
  }
  return cached
}

/** An embedded Meilisearch's address is only known once it has started. */
export function useMeilisearch(url: string, masterKey: string) {
  process.env.MEILI_URL = url
  process.env.MEILI_MASTER_KEY = masterKey
  cached = { ...config(), MEILI_URL: url, MEILI_MASTER_KEY: masterKey }
}

/** The embedded database's address is only known once it has started. */
export function useDatabaseUrl(url: string) {
  process.env.DATABASE_URL = url
  cached = { ...config(), DATABASE_URL: url }
}
