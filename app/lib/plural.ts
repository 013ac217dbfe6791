/**
 * A count with its noun: "1 response", "2 responses", "1,204 organisations".
 * The plural defaults to the noun with an "s"; irregular ones are given.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
}
