/** A fixed choice as radios, checkboxes and selects show it: the stored value and the words people see. */
export type Option = { readonly value: string; readonly label: string; readonly hint?: string }

/** A fixed list's values as a non-empty tuple, the shape zod enums and the field schemas want. */
export const optionValues = <T extends readonly Option[]>(list: T) => list.map((o) => o.value) as unknown as readonly [T[number]['value'], ...T[number]['value'][]]

/**
 * The words shown for a stored value. A value not in the list (say, from a
 * list since shortened) shows as `missing` where given, otherwise as itself,
 * so old rows never break a page.
 */
export function labeller(list: readonly Option[], missing?: string) {
  const labels = new Map<string, string>(list.map((o) => [o.value, o.label]))
  return (value: string | null): string => labels.get(value ?? '') ?? missing ?? value ?? ''
}

/**
 * Options for a schema enum, one for each of its values, in the order people
 * see them. The compiler refuses a list that leaves a value out or adds one the
 * schema does not have, so these lists cannot drift from the database.
 * Use as `optionsFor<Role>()([...])`.
 */
export const optionsFor =
  <V extends string>() =>
  <const L extends readonly (Option & { readonly value: V })[]>(list: L & (Exclude<V, L[number]['value']> extends never ? unknown : { missing: Exclude<V, L[number]['value']> })): L =>
    list
