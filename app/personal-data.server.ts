import { ACCOUNT_PERSONAL_DATA } from '~/modules/accounts/personal-data-sections.server'
import type { PersonalDataSection } from '~/modules/accounts/personal-data-section'
import { NEWSLETTER_PERSONAL_DATA } from '~/modules/newsletters/personal-data.server'
import { PIPELINE_PERSONAL_DATA } from '~/modules/pipeline/personal-data.server'

/**
 * Every part of "Download your data" and "Delete your account", in the order
 * the download shows them. Each domain that stores something about a person
 * adds its sections here.
 */
export const PERSONAL_DATA_SECTIONS: PersonalDataSection[] = [...ACCOUNT_PERSONAL_DATA, ...NEWSLETTER_PERSONAL_DATA, ...PIPELINE_PERSONAL_DATA]
