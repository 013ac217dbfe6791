/**
 * The Common Procurement Vocabulary codes the hub accepts: those for
 * employment, training, guidance and social services (CPV 2008 names).
 * 80000000 is the Category's base code (employment provision strategy).
 */
export const BASE_CPV = '80000000-4'

export const CPV_CODES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['80000000-4', 'Education and training services'],
  ['80400000-8', 'Adult and other education services'],
  ['80420000-4', 'E-learning services'],
  ['80500000-9', 'Training services'],
  ['80510000-2', 'Specialist training services'],
  ['80521000-2', 'Training programme services'],
  ['80530000-8', 'Vocational training services'],
  ['80531000-5', 'Industrial and technical training services'],
  ['80532000-2', 'Management training services'],
  ['80533000-9', 'Computer-user familiarisation and training services'],
  ['80570000-0', 'Personal development training services'],
  ['80590000-6', 'Tutorial services'],
  ['79600000-0', 'Recruitment services'],
  ['79610000-3', 'Placement services of personnel'],
  ['79611000-0', 'Job search services'],
  ['79620000-6', 'Supply services of personnel including temporary staff'],
  ['79632000-3', 'Personnel-training services'],
  ['79633000-0', 'Staff development services'],
  ['79998000-6', 'Coaching services'],
  ['75310000-2', 'Benefit services'],
  ['85000000-9', 'Health and social work services'],
  ['85140000-2', 'Miscellaneous health services'],
  ['85121270-6', 'Psychiatrist or psychologist services'],
  ['85300000-2', 'Social work and related services'],
  ['85310000-5', 'Social work services'],
  ['85311200-4', 'Welfare services for the disabled'],
  ['85311300-5', 'Welfare services for children and young people'],
  ['85312000-9', 'Social work services without accommodation'],
  ['85312300-2', 'Guidance and counselling services'],
  ['85312310-5', 'Guidance services'],
  ['85312320-8', 'Counselling services'],
  ['85312400-3', 'Welfare services not delivered through residential institutions'],
  ['85312500-4', 'Rehabilitation services'],
  ['85312510-7', 'Vocational rehabilitation services'],
  ['85320000-8', 'Social services'],
  ['85321000-5', 'Administrative social services'],
  ['85322000-2', 'Community action programme'],
  ['85323000-9', 'Community health services'],
]

const names = new Map(CPV_CODES)

/** CPV check digit: weights 3, 7, 1 repeating over the eight digits, modulo 10. */
export function cpvCheckDigit(digits: string): number {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * weights[i]!
  return sum % 10
}

export type CpvCheck = { ok: true; code: string; name: string } | { ok: false; message: string }

/** Accepts "80000000-4" or "800000004" with spaces; returns the canonical form. */
export function checkCpv(input: string): CpvCheck {
  const compact = input.replace(/\s+/g, '')
  const match = /^(\d{8})-?(\d)$/.exec(compact)
  if (!match) return { ok: false, message: `CPV code ${input.trim()} must be 8 digits, a hyphen and a check digit, like 80000000-4` }
  const [, digits, check] = match
  if (cpvCheckDigit(digits!) !== Number(check)) return { ok: false, message: `CPV code ${compact} has the wrong check digit` }
  const code = `${digits}-${check}`
  const name = names.get(code)
  if (!name) return { ok: false, message: `CPV code ${code} is not an employment, training, guidance or social services code` }
  return { ok: true, code, name }
}

export function cpvName(code: string): string {
  return names.get(code) ?? code
}
