import type { adminSdk } from './sdk'

/**
 * Adds `count` empty branches to the seeded college (测试第1党支部 …, ordered after the seeded ones), so a
 * college takes several pages of the committee's dashboard. Every other one is created now (no meeting
 * period missed yet); the rest existed all along, so they have missed the meeting rules: the order by
 * attention has something to sort.
 */
export async function addBranches(sdk: ReturnType<typeof adminSdk>, count: number): Promise<void> {
  const now = new Date()
  const branches = Array.from({ length: count }, (_, i) => ({
    _id: `branch-t${String(i).padStart(2, '0')}`,
    collegeId: 'college-main',
    name: `测试第${i + 1}党支部`,
    order: 100 + i,
    secretaryIds: [],
    ...(i % 2 ? { createdAt: now } : {}),
  }))
  await sdk.database().collection('branches').add({ data: branches })
}
