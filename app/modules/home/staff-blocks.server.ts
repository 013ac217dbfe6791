import { feedbackStaffBlock } from '~/modules/feedback/staff-block.server'
import { organisationsStaffBlock } from '~/modules/organisations/staff-block.server'
import type { BlockLoader } from './blocks'

/**
 * The staff dashboard's blocks: for each capability, what needs attention.
 * Each capability adds its module's loader here.
 */
export const STAFF_BLOCKS: BlockLoader[] = [organisationsStaffBlock, feedbackStaffBlock]
