/**
 * Importing this module registers every index's source. A domain adds its
 * source by calling `registerSearchSource` in a module of its own and
 * importing that module here.
 */
import './sources/organisations.server'
import './sources/consultations.server'
import './sources/pipeline.server'
import './sources/case-studies.server'
import './sources/newsletters.server'
import './sources/surveys.server'

export { registeredIndexNames, searchSource } from './registry.server'
