import http from 'node:http'

export type Shot = { path: string; method?: string; headers?: Record<string, string>; body?: string }
export type LoadResult = {
  requests: number
  ok: number
  failed: number
  statuses: Record<number, number>
  seconds: number
  throughput: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Open loop: the p99 of the requests due in each ten seconds, in order (empty when closed loop). */
  p99ByTenSeconds: number[]
  /** Shots that got a 2xx or 3xx, for scenarios that check what the server acknowledged. */
  acknowledged: Shot[]
}

/**
 * A load generator over kept-alive sockets. Closed loop by default: each
 * connection sends its next request as soon as the last one is answered.
 * With `rate`, open loop: requests start on a fixed schedule whether or not
 * earlier ones are answered (at most `connections` at once, the rest wait
 * their turn), as independent people arriving do, and each latency counts
 * from the moment its request was due, so time spent waiting for a free
 * connection is not hidden. Small on purpose, so it takes little of the CPU
 * the server needs.
 */
export async function load({
  targets,
  connections,
  seconds,
  next,
  rate,
  maxRequests = Infinity,
  keepAcknowledged = false,
}: {
  targets: string[]
  connections: number
  seconds: number
  next: (i: number) => Shot | null
  /** Requests a second, started on schedule (open loop). */
  rate?: number
  maxRequests?: number
  keepAcknowledged?: boolean
}): Promise<LoadResult> {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: connections }))
  const latencies: number[] = []
  // Open loop: latencies by the ten seconds in which their requests were due, to show when a queue built up.
  const byTenSeconds: number[][] = []
  const statuses: Record<number, number> = {}
  const acknowledged: Shot[] = []
  let issued = 0
  let failed = 0
  const started = performance.now()
  const deadline = started + seconds * 1000

  const one = (target: string, agent: http.Agent, shot: Shot) =>
    new Promise<number>((resolve) => {
      const url = new URL(shot.path, target)
      const req = http.request(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: shot.method ?? 'GET', agent, headers: { 'Accept-Encoding': 'gzip', ...shot.headers } },
        (res) => {
          res.on('data', () => {})
          res.on('end', () => resolve(res.statusCode ?? 0))
          res.on('error', () => resolve(0))
        },
      )
      req.setTimeout(30_000, () => req.destroy())
      req.on('error', () => resolve(0))
      if (shot.body) req.end(shot.body)
      else req.end()
    })

  async function worker(w: number) {
    const target = targets[w % targets.length]
    const agent = agents[w % targets.length]
    while (performance.now() < deadline && issued < maxRequests) {
      const shot = next(issued++)
      if (!shot) break
      const t0 = performance.now()
      const status = await one(target, agent, shot)
      record(performance.now() - t0, status, shot)
    }
  }
  async function scheduled(i: number, shot: Shot, due: number) {
    const target = targets[i % targets.length]
    const status = await one(target, agents[i % targets.length], shot)
    const ms = performance.now() - due
    ;(byTenSeconds[Math.floor((due - started) / 10_000)] ??= []).push(ms)
    record(ms, status, shot)
  }
  function record(ms: number, status: number, shot: Shot) {
    latencies.push(ms)
    statuses[status] = (statuses[status] ?? 0) + 1
    if (status >= 200 && status < 400) {
      if (keepAcknowledged) acknowledged.push(shot)
    } else failed++
  }
  if (rate) {
    const inFlight: Promise<void>[] = []
    for (let i = 0; i < maxRequests; i++) {
      const due = started + (i * 1000) / rate
      if (due >= deadline) break
      const shot = next(i)
      if (!shot) break
      const wait = due - performance.now()
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      inFlight.push(scheduled(i, shot, due))
    }
    await Promise.all(inFlight)
  } else await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)))
  const elapsed = (performance.now() - started) / 1000
  for (const agent of agents) agent.destroy()
  const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN)
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => percentile(latencies, p)
  return {
    requests: latencies.length,
    ok: latencies.length - failed,
    failed,
    statuses,
    seconds: elapsed,
    throughput: latencies.length / elapsed,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1) ?? NaN,
    p99ByTenSeconds: byTenSeconds.map((slice) =>
      percentile(
        slice.sort((a, b) => a - b),
        99,
      ),
    ),
    acknowledged,
  }
}

/** Times one request end to end, reading the whole body. */
export async function timeOne(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now()
  const res = await fetch(url, { headers, redirect: 'manual' })
  let bytes = 0
  const reader = res.body?.getReader()
  if (reader)
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
    }
  return { status: res.status, ms: performance.now() - t0, bytes }
}
