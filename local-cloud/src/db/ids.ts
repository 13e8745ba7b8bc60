/** Identifiers in the style WeChat cloud uses: 32 lowercase hex characters, time-prefixed. */
import { randomBytes, randomUUID } from 'node:crypto'

let counter = randomBytes(4).readUInt32BE(0)

/** seconds (8 hex) + random (16 hex) + counter (8 hex): unique within and across processes. */
export function newDocId(): string {
  counter = (counter + 1) >>> 0
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0')
  return `${seconds}${randomBytes(8).toString('hex')}${counter.toString(16).padStart(8, '0')}`
}

export function newRequestId(): string {
  return randomUUID()
}
