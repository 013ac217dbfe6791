import { describe, expect, test } from 'vitest'
import { parseConfig } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { recordAudit } from '~/lib/audit.server'
import { createUser, findUserByEmail } from '~/modules/accounts/users.server'
import { verifyPassword } from '~/modules/accounts/passwords.server'
import { auditEvents } from '~db/schema'
import { emptyTables } from '../support/database'

describe('configuration', () => {
  test('a bad value stops start-up with a message naming it', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
  })

  test('defaults give a working local setup', () => {
    const config = parseConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
  })
})

describe('database', () => {
  test('users are stored with normalised email and an argon2id hash', async () => {
    await createUser({ email: ' Person@Example.com ', name: 'A Person', password: 'a long enough password' })
    const user = await findUserByEmail('person@example.com')
    expect(user?.email).toBe('person@example.com')
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(user!.passwordHash, 'a long enough password')).toBe(true)
    expect(await verifyPassword(user!.passwordHash, 'wrong')).toBe(false)
  })

  test('an audit record rolls back with the change it describes', async () => {
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: 'test.change', subjectType: 'test' })
        throw new Error('change failed')
      }),
    ).rejects.toThrow('change failed')
    expect(await db.select().from(auditEvents)).toHaveLength(0)
  })

  test('each test starts from empty tables', async () => {
    await createUser({ email: 'left.behind@example.com', name: 'Left Behind', password: 'a long enough password' })
    await db.transaction((tx) => recordAudit(tx, { actor: null, action: 'test.change', subjectType: 'test' }))
    await emptyTables()
    expect(await findUserByEmail('left.behind@example.com')).toBeNull()
    expect(await db.select().from(auditEvents)).toHaveLength(0)
  })
})
