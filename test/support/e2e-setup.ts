import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { spawnHub, waitForHub } from './hub-process'
import { freePort } from './ports'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    e2eDatabaseUrl: string
  }
}

/**
 * Runs the production build against its own database seeded with the demo
 * content, as a person would meet it after the README's commands.
 */
export default async function setup(project: TestProject) {
  if (!existsSync('build/server/index.js')) throw new Error('Build the app first: npm run build')
  const pgPort = project.getProvidedContext().pgPort
  const template = project.getProvidedContext().templateDatabase
  const admin = postgres(`postgres://hub:hub@127.0.0.1:${pgPort}/postgres`, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists e2e with (force)`)
  await admin.unsafe(`create database e2e template "${template}"`)
  await admin.end()
  const databaseUrl = `postgres://hub:hub@127.0.0.1:${pgPort}/e2e`
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const { meiliUrl, meiliKey } = project.getProvidedContext()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: baseUrl,
    LOG_LEVEL: 'warn',
    // Each journey arrives with an X-Forwarded-For address of its own, as if through a proxy on this machine.
    TRUST_PROXY: 'loopback',
    ...(meiliUrl ? { MEILI_URL: meiliUrl, MEILI_MASTER_KEY: meiliKey ?? '' } : {}),
  }
  await run(process.execPath, ['--import', 'tsx', 'db/seed/run.ts'], env)
  // As after a deployment: the seeded content is in the search indexes before the first visitor arrives.
  await run(process.execPath, ['--import', 'tsx', 'scripts/reindex.ts'], env)

  const hub = await spawnHub({ env, port })
  const server = hub.child
  await waitForHub(hub)
  project.provide('baseUrl', baseUrl)
  project.provide('e2eDatabaseUrl', databaseUrl)

  return async () => {
    const exited = new Promise((r) => server.once('exit', r))
    server.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}
