/**
 * Importing a module that calls registerPersonalData adds its part to
 * "Download your data" and "Delete your account". Each domain that stores
 * something about a person adds its module here.
 */
import '~/modules/accounts/personal-data-sections.server'
import '~/modules/newsletters/personal-data.server'
