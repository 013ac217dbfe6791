import { createUser } from '~/modules/accounts/users.server'

export const DEMO_PASSWORD = 'hub-demo-password-2026'

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.commissioning-hub.example', name: 'Alex Admin', role: 'admin' },
  staff: { email: 'staff@demo.commissioning-hub.example', name: 'Sam Staff', role: 'staff' },
  member: { email: 'member@demo.commissioning-hub.example', name: 'Morgan Member', role: 'member' },
  orgAdmin: { email: 'orgadmin@demo.commissioning-hub.example', name: 'Olu Organisation-Admin', role: 'member' },
} as const

export async function seedAccounts() {
  const created = {} as Record<keyof typeof DEMO_ACCOUNTS, Awaited<ReturnType<typeof createUser>>>
  for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as Array<[keyof typeof DEMO_ACCOUNTS, (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]]>) {
    created[key] = await createUser({ ...account, password: DEMO_PASSWORD, verified: true })
  }
  return created
}
