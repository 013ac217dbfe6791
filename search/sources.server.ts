import type { SearchIndexName } from './outbox.server'
import type { SearchSource } from './search-source'
import { caseStudiesSource } from './sources/case-studies.server'
import { consultationsSource } from './sources/consultations.server'
import { newslettersSource } from './sources/newsletters.server'
import { organisationsSource } from './sources/organisations.server'
import { pipelineSource } from './sources/pipeline.server'
import { surveysSource } from './sources/surveys.server'

/** Where each index's documents come from, in the order a rebuild runs. */
export const SEARCH_SOURCES: Record<SearchIndexName, SearchSource> = {
  organisations: organisationsSource,
  consultations: consultationsSource,
  pipeline: pipelineSource,
  case_studies: caseStudiesSource,
  newsletters: newslettersSource,
  surveys: surveysSource,
}

export function searchSource(indexName: string): SearchSource | undefined {
  return Object.hasOwn(SEARCH_SOURCES, indexName) ? SEARCH_SOURCES[indexName as SearchIndexName] : undefined
}

export function registeredIndexNames(): SearchIndexName[] {
  return Object.keys(SEARCH_SOURCES) as SearchIndexName[]
}
