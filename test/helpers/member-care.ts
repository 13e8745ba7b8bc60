import type { LocalCloud } from './cloud'
import type { adminSdk } from './sdk'

const DAY = 24 * 60 * 60 * 1000

/** Time passes for an away registration: its last contact was `sinceContact` days ago, due `overdue` days ago. */
export async function backdateContact(
  sdk: ReturnType<typeof adminSdk>,
  awayId: string,
  sinceContact: number,
  overdue: number,
): Promise<void> {
  await sdk
    .database()
    .collection('careAway')
    .doc(awayId)
    .update({
      data: {
        lastContactAt: new Date(Date.now() - sinceContact * DAY),
        nextContactDue: new Date(Date.now() - overdue * DAY),
      },
    })
}

/** member-care's daily job, as its timer trigger (careTimer) runs it. */
export function runCareTimer<T>(cloud: LocalCloud): Promise<T> {
  return cloud.runJob<T>('member-care', { Type: 'Timer', TriggerName: 'careTimer' })
}
