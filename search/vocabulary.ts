/**
 * The Category's abbreviations, each with what it stands for. Both engines
 * treat every term in a group as a match for the others.
 */
export const SYNONYM_GROUPS: string[][] = [
  ['esa', 'employment and support allowance'],
  ['jsa', "jobseeker's allowance", 'jobseekers allowance'],
  ['uc', 'universal credit'],
  ['vcse', 'voluntary community and social enterprise'],
  ['sme', 'small and medium enterprise', 'small and medium-sized enterprise'],
  ['dps', 'dynamic purchasing system'],
  ['cpa', 'contract package area'],
  ['pbr', 'payment by results'],
]

/** Words too common to rank by; PostgreSQL's English configuration drops the same ones. */
export const STOP_WORDS = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'that', 'the', 'to', 'was', 'were', 'will', 'with']
