import { labeller, optionsFor, optionValues } from '~/lib/options'
import type { MerlinStatus, Sector, SizeBand } from '~db/schema'

/** The fixed lists an organisation profile chooses from, with the words people see. */

export const SECTORS = optionsFor<Sector>()([
  { value: 'private', label: 'Private sector' },
  { value: 'public', label: 'Public sector' },
  { value: 'vcse', label: 'Voluntary, community and social enterprise (VCSE)' },
])

export const SIZE_BANDS = optionsFor<SizeBand>()([
  { value: 'micro', label: 'Micro (fewer than 10 staff)' },
  { value: 'small', label: 'Small (10 to 49 staff)' },
  { value: 'medium', label: 'Medium (50 to 249 staff)' },
  { value: 'large', label: 'Large (250 staff or more)' },
])

/** England's nine regions, then Scotland and Wales: the areas DWP commissions employment support in. */
export const REGIONS = [
  { value: 'north-east', label: 'North East' },
  { value: 'north-west', label: 'North West' },
  { value: 'yorkshire-humber', label: 'Yorkshire and the Humber' },
  { value: 'east-midlands', label: 'East Midlands' },
  { value: 'west-midlands', label: 'West Midlands' },
  { value: 'east-of-england', label: 'East of England' },
  { value: 'london', label: 'London' },
  { value: 'south-east', label: 'South East' },
  { value: 'south-west', label: 'South West' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'wales', label: 'Wales' },
] as const

export const MERLIN_STATUSES = optionsFor<MerlinStatus>()([
  { value: 'accredited', label: 'Accredited to the Merlin Standard' },
  { value: 'working_towards', label: 'Working towards the Merlin Standard' },
  { value: 'not_applicable', label: 'Not applicable (not a prime contractor)' },
])

export const SECTOR_VALUES = optionValues(SECTORS)
export const SIZE_BAND_VALUES = optionValues(SIZE_BANDS)
export const REGION_VALUES = optionValues(REGIONS)
export const MERLIN_VALUES = optionValues(MERLIN_STATUSES)

export type RegionKey = (typeof REGION_VALUES)[number]

export const sectorLabel = labeller(SECTORS)
export const sizeBandLabel = labeller(SIZE_BANDS)
export const regionLabel = labeller(REGIONS)
export const merlinLabel = labeller(MERLIN_STATUSES)

/** Short names for lists and tags, where the hints in brackets would be noise. */
export const SECTOR_SHORT: Record<string, string> = { private: 'Private', public: 'Public', vcse: 'VCSE' }
export const SIZE_SHORT: Record<string, string> = { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large' }
export const MERLIN_SHORT: Record<string, string | undefined> = { accredited: 'Merlin accredited', working_towards: 'Working towards Merlin' }
