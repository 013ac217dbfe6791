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
  /** Shots that got a 2xx or 3xx, for scenarios that check what the server acknowledged. */
  acknowledged: Shot[]
}

/**
 * A closed-loop load generator: each connection sends its next request as
 * soon as the last one is answered, over kept-alive sockets. Small on
 * purpose, so it takes little of the CPU the server needs.
 */
export async function load({
  targets,
  connections,
  seconds,
  next,
  maxRequests = Infinity,
  keepAcknowledged = false,
}: {
  targets: string[]
  connections: number
  seconds: number
  next: (i: number) => Shot | null
  maxRequests?: number
  keepAcknowledged?: boolean
}): Promise<LoadResult> {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: connections }))
  const latencies: number[] = []
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
      latencies.push(performance.now() - t0)
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status >= 200 && status < 400) {
        if (keepAcknowledged) acknowledged.push(shot)
      } else failed++
    }
  }
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)))
  const elapsed = (performance.now() - started) / 1000
  for (const agent of agents) agent.destroy()
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN)
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
