import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { eq, sql } from 'drizzle-orm'
import type { DatabaseSession, DatabaseUser } from 'lucia'
import { sessions, users } from '~db/schema'
import { db } from './db.server'

/**
 * Lucia's drizzle adapter, reading a session (as every signed-in request
 * does) with only the fields Lucia passes on: no password hash or
 * authenticator secret leaves the database, and drizzle builds the query
 * once rather than for each request.
 */
export class SessionStore extends DrizzlePostgreSQLAdapter {
  private readonly read = db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      secondFactor: sessions.secondFactor,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_and_user')

  constructor() {
    super(db, sessions, users)
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.read.execute({ id: sessionId })
    if (!row) return [null, null]
    const { id, userId, expiresAt, secondFactor, ...user } = row
    return [
      { id, userId, expiresAt, attributes: { secondFactor } },
      { id: userId, attributes: user },
    ]
  }
}
