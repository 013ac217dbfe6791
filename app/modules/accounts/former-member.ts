/**
 * How a deleted account is named beside what it contributed on behalf of an
 * organisation: the contribution stays, the person's name does not.
 */
export const FORMER_MEMBER = 'Former member'

export function authorName(name: string | null | undefined): string {
  return name?.trim() ? name : FORMER_MEMBER
}
