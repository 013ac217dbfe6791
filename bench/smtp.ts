import { SMTPServer } from 'smtp-server'

/** A local mail server that counts what it accepts per recipient, keeping no message bodies. */
export async function startCountingSmtp() {
  const perRecipient = new Map<string, number>()
  let accepted = 0
  let firstAt = 0
  let lastAt = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {})
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) {
          const address = r.address.toLowerCase()
          perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1)
        }
        accepted++
        lastAt = performance.now()
        firstAt ||= lastAt
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    perRecipient,
    get accepted() {
      return accepted
    },
    get window() {
      return { firstAt, lastAt }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
