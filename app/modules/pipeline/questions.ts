/** Longest clarification question a provider may ask, in characters (the form and the rule share it). */
export const MAX_QUESTION = 2000
/** Longest published answer, in characters. */
export const MAX_ANSWER = 5000
