import { randomBytes } from 'node:crypto'

/**
 * Member ids are opaque: an id travels in rankings, composite ids (`<memberId>:<period>`) and upload
 * paths, so it must not carry the student number. `mb` + 20 hex characters: no `:` or `_`, which
 * composite ids use as separators. Ids stored before this (`m-<studentNo>`) are rewritten by the
 * member-id migration (local-cloud/src/migrations/member-ids.ts).
 */
export function newMemberId(): string {
  return `mb${randomBytes(10).toString('hex')}`
}

/** The id shape used before opaque ids: `m-<studentNo>`. */
export const LEGACY_MEMBER_ID = /^m-[A-Za-z0-9]{4,20}$/
