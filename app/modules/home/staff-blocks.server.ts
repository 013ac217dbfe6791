import { consultationAnalysisStaffBlock, consultationsStaffBlock } from '~/modules/consultations/blocks.server'
import { caseStudiesStaffBlock } from '~/modules/case-studies/blocks.server'
import { feedbackStaffBlock } from '~/modules/feedback/staff-block.server'
import { organisationsStaffBlock } from '~/modules/organisations/staff-block.server'
import { pipelineEngagementStaffBlock, pipelineStaffBlock } from '~/modules/pipeline/blocks.server'
import { newslettersStaffBlock } from '~/modules/newsletters/staff-block.server'
import { surveysStaffBlock } from '~/modules/surveys/blocks.server'
import type { BlockLoader } from './blocks'

/**
 * The staff dashboard's blocks: for each capability, what needs attention.
 * Each capability adds its module's loader here.
 */
export const STAFF_BLOCKS: BlockLoader[] = [
  consultationsStaffBlock,
  consultationAnalysisStaffBlock,
  pipelineStaffBlock,
  pipelineEngagementStaffBlock,
  organisationsStaffBlock,
  caseStudiesStaffBlock,
  newslettersStaffBlock,
  surveysStaffBlock,
  feedbackStaffBlock,
]
