import { labeller, optionValues } from '~/lib/options'

export const SATISFACTION = [
  { value: 'very_satisfied', label: 'Very satisfied' },
  { value: 'satisfied', label: 'Satisfied' },
  { value: 'neither', label: 'Neither satisfied nor dissatisfied' },
  { value: 'dissatisfied', label: 'Dissatisfied' },
  { value: 'very_dissatisfied', label: 'Very dissatisfied' },
] as const

export const SATISFACTION_VALUES = optionValues(SATISFACTION)

export const satisfactionLabel = labeller(SATISFACTION)
