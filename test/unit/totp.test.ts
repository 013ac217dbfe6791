import { describe, expect, test } from 'vitest'
import { base32Decode, base32Encode, groupedSecret, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from '~/modules/accounts/totp.server'

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'))

describe('TOTP', () => {
  test('matches the RFC 6238 test vectors (last six digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ]
    for (const [seconds, expected] of vectors) expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(expected.slice(-6))
  })

  test('base32 round-trips and the secret is 160 bits', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(base32Encode(base32Decode(secret))).toBe(secret)
    expect(base32Decode(groupedSecret(secret).toLowerCase())).toHaveLength(20)
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ')
  })

  test('accepts one step either side, nothing further, and never a step already used', () => {
    const now = new Date('2026-12-03T09:00:10Z')
    const step = totpStep(now)
    const code = (s: number) => totpCode(RFC_SECRET, s)
    expect(matchTotp(RFC_SECRET, code(step), { now })).toBe(step)
    expect(matchTotp(RFC_SECRET, code(step - 1), { now })).toBe(step - 1)
    expect(matchTotp(RFC_SECRET, code(step + 1), { now })).toBe(step + 1)
    expect(matchTotp(RFC_SECRET, code(step - 2), { now })).toBeNull()
    expect(matchTotp(RFC_SECRET, code(step + 2), { now })).toBeNull()
    expect(matchTotp(RFC_SECRET, code(step), { now, lastUsedStep: step })).toBeNull()
    expect(matchTotp(RFC_SECRET, code(step + 1), { now, lastUsedStep: step })).toBe(step + 1)
    expect(matchTotp(RFC_SECRET, `${code(step).slice(0, 3)} ${code(step).slice(3)}`, { now })).toBe(step)
    expect(matchTotp(RFC_SECRET, 'abcdef', { now })).toBeNull()
  })

  test('the otpauth URI names the issuer and account', () => {
    expect(otpauthUri({ secret: 'ABCD', account: 'ada@example.gov.uk', issuer: 'Commissioning Hub' })).toBe(
      'otpauth://totp/Commissioning%20Hub:ada%40example.gov.uk?secret=ABCD&issuer=Commissioning+Hub&algorithm=SHA1&digits=6&period=30',
    )
  })
})
