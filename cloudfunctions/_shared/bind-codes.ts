import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto'
import { BIND_CODE_ALPHABET, BIND_CODE_LENGTH } from './bind-code-text'
import type { StoredBindCode } from './models'

/**
 * One-time binding codes (绑定码). The secretary or the committee issues one per roster entry and hands
 * it to its owner; binding needs student number + name + code, so knowing someone's student number and
 * name is no longer enough. Only a salted hash is stored: the code itself is shown once, to the issuer.
 */

export function newBindCode(): string {
  let code = ''
  for (let i = 0; i < BIND_CODE_LENGTH; i++) code += BIND_CODE_ALPHABET[randomInt(BIND_CODE_ALPHABET.length)]
  return code
}

/**
 * scrypt, not a plain hash: 31^8 codes are few enough to try them all against a fast hash, should a
 * stored one ever leak; at ~10 ms a try that takes centuries, and issuing a sheet of 300 stays ~3 s.
 */
function hashOf(salt: string, code: string): string {
  return scryptSync(code, salt, 32, { N: 4096, r: 8, p: 1 }).toString('hex')
}

/** The stored form of `code`, valid for `days` from `now`. */
export function storeBindCode(
  code: string,
  opts: { now: Date; days: number; issuedBy: string | null },
): StoredBindCode {
  const salt = randomBytes(16).toString('hex')
  return {
    hash: hashOf(salt, code),
    salt,
    issuedAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.days * 86_400_000),
    issuedBy: opts.issuedBy,
  }
}

/** Whether `code` (normalized) is the stored one, compared in constant time. Expiry is checked apart. */
export function matchesBindCode(stored: StoredBindCode | null | undefined, code: string): boolean {
  if (!stored || typeof stored.hash !== 'string' || typeof stored.salt !== 'string') return false
  const expected = Buffer.from(stored.hash, 'hex')
  const actual = Buffer.from(hashOf(stored.salt, code), 'hex')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

export function isBindCodeExpired(stored: StoredBindCode, now: Date): boolean {
  return new Date(stored.expiresAt).getTime() <= now.getTime()
}
