import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Rotating check-in codes. Each meeting holds a server-side secret; the code of a time slot is an
 * HMAC of the meeting id and the slot, truncated to 6 digits (like HOTP). The secretary's screen gets
 * the codes of the coming minutes (never the secret), so it keeps rotating while offline; a code is
 * accepted in its own slot and the next one (clock skew, scanning delay).
 *
 * A member's personal code (我的签到码) is the same construction over the member id, with the secret
 * of the meeting they are signing in to: bound to the person and to that meeting.
 */
export const SLOT_MS = 15_000
/** How many slots the secretary's screen and 我的签到码 receive ahead (6 minutes). */
export const SLOTS_AHEAD = 24
/** Old slots recognised as "expired" (rather than "wrong") when a code is refused. */
const EXPIRED_LOOKBACK = 240

export function newSecret(): string {
  return randomBytes(32).toString('hex')
}

export function slotOf(at: Date | number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / SLOT_MS)
}

export function slotStart(slot: number): number {
  return slot * SLOT_MS
}

function digits(secret: string, message: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'hex')).update(message).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const value = mac.readUInt32BE(offset) & 0x7fffffff
  return String(value % 1_000_000).padStart(6, '0')
}

/** The code a meeting's screen shows during `slot`. */
export function meetingCode(secret: string, meetingId: string, slot: number): string {
  return digits(secret, `meeting:${meetingId}:${slot}`)
}

/** A member's personal code for one meeting during `slot`. */
export function memberCode(secret: string, meetingId: string, memberId: string, slot: number): string {
  return digits(secret, `member:${meetingId}:${memberId}:${slot}`)
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

export type CodeVerdict = 'ok' | 'expired' | 'wrong'

/**
 * Checks a code against the current slot and one slot of grace. `slot` is the one a scanned QR names;
 * a typed code names none, so every recent slot is tried. A code that matches an older slot is
 * "expired", anything else is "wrong" (forged, mistyped, or made with another meeting's secret).
 */
export function verifyCode(expected: (slot: number) => string, code: string, now: Date, slot?: number): CodeVerdict {
  const current = slotOf(now)
  const accepted = [current, current - 1]
  if (slot !== undefined) {
    if (slot > current) return 'wrong'
    if (!sameCode(expected(slot), code)) return 'wrong'
    return accepted.includes(slot) ? 'ok' : 'expired'
  }
  if (accepted.some((s) => sameCode(expected(s), code))) return 'ok'
  for (let s = current - 2; s > current - EXPIRED_LOOKBACK; s--) {
    if (sameCode(expected(s), code)) return 'expired'
  }
  return 'wrong'
}

/**
 * What a QR code carries. Meeting code: `ZBT1:M:<meetingId>:<slot>:<code>`; a member's personal code:
 * `ZBT1:P:<meetingId>:<memberId>:<slot>:<code>`. Plain text so any scanner reads it.
 */
export function meetingQr(meetingId: string, slot: number, code: string): string {
  return `ZBT1:M:${meetingId}:${slot}:${code}`
}

export function memberQr(meetingId: string, memberId: string, slot: number, code: string): string {
  return `ZBT1:P:${meetingId}:${memberId}:${slot}:${code}`
}

const ID = '[A-Za-z0-9_-]{1,64}'
const MEETING_QR = new RegExp(`^ZBT1:M:(${ID}):(\\d{1,12}):(\\d{6})$`)
const MEMBER_QR = new RegExp(`^ZBT1:P:(${ID}):(${ID}):(\\d{1,12}):(\\d{6})$`)

export type ParsedQr =
  | { kind: 'meeting'; meetingId: string; slot: number; code: string }
  | { kind: 'member'; meetingId: string; memberId: string; slot: number; code: string }
  | { kind: 'unknown' }

export function parseQr(text: string): ParsedQr {
  const trimmed = text.trim()
  const m = MEETING_QR.exec(trimmed)
  if (m) return { kind: 'meeting', meetingId: m[1], slot: Number(m[2]), code: m[3] }
  const p = MEMBER_QR.exec(trimmed)
  if (p) return { kind: 'member', meetingId: p[1], memberId: p[2], slot: Number(p[3]), code: p[4] }
  return { kind: 'unknown' }
}
