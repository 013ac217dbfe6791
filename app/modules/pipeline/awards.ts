/** Most suppliers one award names (the form offers this many). */
export const MAX_SUPPLIERS = 3
