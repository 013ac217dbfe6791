import crypto from 'node:crypto'
import type { Adapter, DatabaseSession } from 'lucia'

/**
 * The sessions table keeps the SHA-256 of each session id, never the id: the
 * cookie holds the id, so someone who reads the table (a backup, a replica,
 * a database administrator) cannot sign in as anyone. Ids are 25 random
 * characters, so a fast unsalted hash is enough.
 */
export function hashSessionId(sessionId: string): string {
  return crypto.createHash('sha256').update(sessionId).digest('hex')
}

/** Lucia's adapter with every session id hashed on the way to the database. */
export class HashedSessionIds implements Adapter {
  constructor(private readonly inner: Adapter) {}

  async getSessionAndUser(sessionId: string) {
    const [session, user] = await this.inner.getSessionAndUser(hashSessionId(sessionId))
    // Lucia goes on to use the id it was given, for the cookie and for renewal.
    return [session ? { ...session, id: sessionId } : null, user] as [DatabaseSession | null, typeof user]
  }

  /** These carry the stored (hashed) ids: they identify sessions but cannot be used as cookies. */
  getUserSessions(userId: string) {
    return this.inner.getUserSessions(userId)
  }

  setSession(session: DatabaseSession) {
    return this.inner.setSession({ ...session, id: hashSessionId(session.id) })
  }

  updateSessionExpiration(sessionId: string, expiresAt: Date) {
    return this.inner.updateSessionExpiration(hashSessionId(sessionId), expiresAt)
  }

  deleteSession(sessionId: string) {
    return this.inner.deleteSession(hashSessionId(sessionId))
  }

  deleteUserSessions(userId: string) {
    return this.inner.deleteUserSessions(userId)
  }

  deleteExpiredSessions() {
    return this.inner.deleteExpiredSessions()
  }
}
