import type { Role } from '~db/schema'

export const ROLE_NAMES: Record<Role, string> = { member: 'Member', staff: 'Category staff', admin: 'Admin' }
