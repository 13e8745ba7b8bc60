import { randomBytes, randomUUID } from 'node:crypto'

export function newRequestId(): string {
  return randomUUID()
}

let callSeq = 0

/** Call ids double as the `/admin/<tag>` a call's SDK requests go to, so they stay URL-safe. */
export function newCallId(): string {
  callSeq += 1
  return `c${callSeq.toString(36)}${randomBytes(3).toString('hex')}`
}

export function newToken(): string {
  return randomBytes(18).toString('base64url')
}
