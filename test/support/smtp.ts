import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type Received = { to: string[]; raw: string; messageId: string }

/**
 * A real SMTP server in the test process. Every message it accepts is kept
 * raw; `reject` decides per recipient whether to refuse it with a reply code,
 * to stand in for a full mailbox (4xx) or an address that does not exist (5xx).
 */
export async function startSmtpServer({ reject }: { reject?: (address: string) => { code: number; message: string } | null } = {}) {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const refusal = reject?.(address.address.toLowerCase())
      if (refusal) {
        const error = new Error(refusal.message) as Error & { responseCode: number }
        error.responseCode = refusal.code
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const messageId = /^message-id:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? ''
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, messageId })
        callback()
      })
    },
  })
  // A sender killed mid-conversation (the crash tests do this) resets its
  // connection; that is the client's failure, not the server's.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    to: (address: string) => received.filter((m) => m.to.includes(address.toLowerCase())),
    parse: (message: Received): Promise<ParsedMail> => simpleParser(message.raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>

/** A header of a message as it was sent, its folded lines unfolded (mailparser merges the List-* headers into one object). */
export function headerOf(raw: string, name: string) {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ')
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim()
}
