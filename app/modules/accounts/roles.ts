import { optionsFor } from '~/lib/options'
import type { Role } from '~db/schema'

export const ROLE_NAMES: Record<Role, string> = { member: 'Member', staff: 'Category staff', admin: 'Admin' }

export const ROLE_OPTIONS = optionsFor<Role>()([
  { value: 'member', label: ROLE_NAMES.member, hint: 'Can respond, post case studies and manage their own data' },
  { value: 'staff', label: ROLE_NAMES.staff, hint: 'Can also publish consultations, pipeline notices, newsletters and surveys, and moderate' },
  { value: 'admin', label: ROLE_NAMES.admin, hint: 'Can also manage users and roles' },
])
