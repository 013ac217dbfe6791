/**
 * The reference for each page: a bare Node `http` server answering every
 * request with the bytes the hub sent for it (status, type, encoding and
 * body captured from the hub in the same run), so a page's throughput can
 * be read as a share of what Node itself manages on this machine.
 * Run as its own process: `tsx bench/bare.ts <port> <pages.json>`.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'

export type CapturedPage = { path: string; status: number; headers: Record<string, string>; body: string }

const [port, file] = process.argv.slice(2)
const pages = new Map((JSON.parse(readFileSync(file, 'utf8')) as CapturedPage[]).map((p) => [p.path, { ...p, bytes: Buffer.from(p.body, 'base64') }]))

http
  .createServer((req, res) => {
    const page = pages.get(req.url ?? '')
    if (!page) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(page.status, { ...page.headers, 'Content-Length': page.bytes.length })
    res.end(page.bytes)
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('listening'))
