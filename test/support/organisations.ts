import type { ProfileInput } from '~/modules/organisations/profile-form'

/** An organisation's profile as its creator would fill it in, with any fields changed. */
export const profile = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Test Organisation',
  sector: 'private',
  sizeBand: 'large',
  regions: ['london'],
  capabilities: ['commercial-acumen'],
  merlinStatus: 'accredited',
  website: null,
  description: 'A test organisation.',
  ...overrides,
})
