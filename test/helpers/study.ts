import type { ClockInDoc } from '../../cloudfunctions/study/src/model'
import type { adminSdk } from './sdk'

/** Stores a day's 打卡 as `study.clockIn` writes it: for a streak that began before the test. */
export async function storeClockIn(
  sdk: ReturnType<typeof adminSdk>,
  member: { memberId: string; branchId?: string },
  day: string,
  streak: number,
  at = new Date(),
): Promise<void> {
  const doc: ClockInDoc = {
    _id: `${member.memberId}:${day}`,
    memberId: member.memberId,
    branchId: member.branchId ?? 'branch-cs',
    day,
    month: day.slice(0, 7),
    streak,
    at,
  }
  // Stored under its older collection name (see ClockInDoc).
  await sdk.database().collection('checkIns').add({ data: doc })
}

/** The article fields `study.publish` takes: published, without a cover, for branch-cs, unless `more` says otherwise. */
export function articleFields(
  title: string,
  columnId: string,
  body: { type: string; text: string }[],
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    status: 'published',
    title,
    columnId,
    cover: null,
    body,
    audience: { kind: 'branch', branchId: 'branch-cs' },
    ...more,
  }
}
