import { z } from 'zod'
import { choice, choices, optionalUrl, requiredText } from '~/lib/fields'
import { CAPABILITY_KEYS } from './capabilities'
import { MERLIN_VALUES, REGION_VALUES, SECTOR_VALUES, SIZE_BAND_VALUES } from './options'

/** The organisation profile form, shared by the create and edit pages. */
export const profileSchema = z.object({
  name: requiredText('Enter the organisation’s name', { max: 200, maxMessage: 'Organisation name must be 200 characters or fewer' }),
  sector: choice(SECTOR_VALUES, 'Select the organisation’s sector'),
  sizeBand: choice(SIZE_BAND_VALUES, 'Select the organisation’s size'),
  regions: choices(REGION_VALUES, 'Select at least one region the organisation serves'),
  capabilities: choices(CAPABILITY_KEYS, 'Select at least one capability'),
  merlinStatus: choice(MERLIN_VALUES, 'Select the organisation’s Merlin Standard status'),
  website: optionalUrl('Website address'),
  description: requiredText('Enter a description of the organisation', {
    max: 2000,
    maxMessage: 'Description must be 2000 characters or fewer',
  }),
})

export type ProfileInput = z.output<typeof profileSchema>

/** Anchors for the error summary: a checkbox group's first box has the field's name as its id. */
export const PROFILE_FIELDS = ['name', 'sector', 'sizeBand', 'regions', 'capabilities', 'merlinStatus', 'website', 'description'] as const
