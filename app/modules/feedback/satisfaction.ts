import type { Satisfaction } from '~db/schema'

export const SATISFACTION = [
  { value: 'very_satisfied', label: 'Very satisfied' },
  { value: 'satisfied', label: 'Satisfied' },
  { value: 'neither', label: 'Neither satisfied nor dissatisfied' },
  { value: 'dissatisfied', label: 'Dissatisfied' },
  { value: 'very_dissatisfied', label: 'Very dissatisfied' },
] as const

export const SATISFACTION_VALUES = SATISFACTION.map((s) => s.value) as unknown as readonly [Satisfaction, ...Satisfaction[]]

export function satisfactionLabel(value: string) {
  return SATISFACTION.find((s) => s.value === value)?.label ?? value
}
