import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { users, type Role } from '~db/schema'
import { hashPassword } from './passwords.server'

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase()
}

export async function createUser(input: { email: string; name: string; password: string; role?: Role; verified?: boolean }, tx: DbOrTx = db) {
  const [user] = await tx
    .insert(users)
    .values({
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      role: input.role ?? 'member',
      emailVerifiedAt: input.verified ? new Date() : null,
    })
    .returning()
  return user
}

export async function findUserByEmail(email: string, tx: DbOrTx = db) {
  const [user] = await tx
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
  return user ?? null
}
