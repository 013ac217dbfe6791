import type { Role } from '~db/schema'

/**
 * Who a domain module acts for: the signed-in person, as recorded in the
 * audit log. Rules that depend on the person's role read `role`; a caller
 * that leaves it out is treated as a member.
 */
export type Actor = { id: string; email: string; name?: string; role?: Role; createdAt?: Date }
