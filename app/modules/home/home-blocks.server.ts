import { logger } from '~/lib/logger.server'
import { sharedData } from '~/lib/shared-data.server'
import { consultationsHomeBlock } from '~/modules/consultations/blocks.server'
import { caseStudiesHomeBlock } from '~/modules/case-studies/blocks.server'
import { newslettersHomeBlock } from '~/modules/newsletters/home-block.server'
import { organisationsHomeBlock } from '~/modules/organisations/home-block.server'
import { surveysHomeBlock } from '~/modules/surveys/blocks.server'
import { pipelineAwardsHomeBlock, pipelineEventsHomeBlock, pipelineHomeBlock } from '~/modules/pipeline/blocks.server'
import type { BlockContext, BlockLoader, CapabilityBlock } from './blocks'

/** The home page's blocks, in the order they appear. */
export const HOME_BLOCKS: BlockLoader[] = [
  consultationsHomeBlock,
  pipelineHomeBlock,
  pipelineEventsHomeBlock,
  pipelineAwardsHomeBlock,
  caseStudiesHomeBlock,
  newslettersHomeBlock,
  surveysHomeBlock,
  organisationsHomeBlock,
]

/** The home page's blocks for someone signed in or not: the same for everyone alike, so kept per process until content changes. */
export function homeBlocks(signedIn: boolean) {
  return sharedData(`home-blocks:${signedIn}`, () => loadBlocks(HOME_BLOCKS, { signedIn }))
}

/** Loads every block at once; a block that fails is left out and logged, so one fault never takes the home page down. */
export async function loadBlocks(loaders: BlockLoader[], context: BlockContext): Promise<CapabilityBlock[]> {
  const settled = await Promise.allSettled(loaders.map((load) => load(context)))
  const blocks: CapabilityBlock[] = []
  for (const result of settled) {
    if (result.status === 'fulfilled') {
      if (result.value) blocks.push(result.value)
    } else logger.error({ err: result.reason }, 'a page block failed to load')
  }
  return blocks
}
