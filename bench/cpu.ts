import { readdirSync, readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100

/** CPU seconds (user and system) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

/** A process and all its descendants, e.g. PostgreSQL's postmaster and its backends. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)])
    } catch {
      // gone
    }
  }
  const tree = [root]
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]) ?? []))
  return tree
}

function comm(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}

export type CpuUse = { loadGenerator: number; app: number; postgres: number; meilisearch: number; other: number }

/**
 * CPU seconds used so far by this process (the load generator) and everything
 * it started: the app processes (given by pid), PostgreSQL and Meilisearch.
 * The difference of two readings is what a run cost each of them.
 */
export function cpuUse(appPids: number[]): CpuUse {
  const self = process.cpuUsage()
  const use: CpuUse = { loadGenerator: (self.user + self.system) / 1e6, app: 0, postgres: 0, meilisearch: 0, other: 0 }
  const app = new Set(appPids.flatMap(processTree))
  for (const pid of processTree(process.pid).slice(1)) {
    const seconds = cpuSeconds(pid)
    if (app.has(pid)) use.app += seconds
    else if (comm(pid) === 'postgres') use.postgres += seconds
    else if (comm(pid).startsWith('meilisearch')) use.meilisearch += seconds
    else use.other += seconds
  }
  return use
}

export function cpuSince(before: CpuUse, after: CpuUse): CpuUse {
  return {
    loadGenerator: after.loadGenerator - before.loadGenerator,
    app: after.app - before.app,
    postgres: after.postgres - before.postgres,
    meilisearch: after.meilisearch - before.meilisearch,
    other: after.other - before.other,
  }
}
