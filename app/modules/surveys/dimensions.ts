import { sectorLabel, sizeBandLabel, SECTORS, SIZE_BANDS } from '../organisations/options'

/** What results can be broken down by; shared by the server and the dashboard page. */
export type BreakdownDimension = 'sector' | 'size'

export const DIMENSIONS: Record<BreakdownDimension, { label: string; options: ReadonlyArray<{ value: string; label: string }>; labelOf: (v: string) => string }> = {
  sector: { label: 'Sector', options: SECTORS, labelOf: sectorLabel },
  size: { label: 'Size', options: SIZE_BANDS, labelOf: sizeBandLabel },
}
