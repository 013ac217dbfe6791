import { labeller, optionsFor, optionValues } from '~/lib/options'
import type { Satisfaction } from '~db/schema'

export const SATISFACTION = optionsFor<Satisfaction>()([
  { value: 'very_satisfied', label: 'Very satisfied' },
  { value: 'satisfied', label: 'Satisfied' },
  { value: 'neither', label: 'Neither satisfied nor dissatisfied' },
  { value: 'dissatisfied', label: 'Dissatisfied' },
  { value: 'very_dissatisfied', label: 'Very dissatisfied' },
])

export const SATISFACTION_VALUES = optionValues(SATISFACTION)

export const satisfactionLabel = labeller(SATISFACTION)
