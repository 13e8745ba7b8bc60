import type { LocalDatabase } from './db/index'

/**
 * Before the engine fix of 2026-12 (README changelog), opening a member's profile, timeline or self-check
 * deleted the `versions` (text, photos, review) of that member's reviewed reports in the local data. A
 * submitted, approved or returned report always has at least one version, so one without any is such a
 * loss. Says which, at start, so whoever runs the app knows their data is damaged and how to restore it.
 */
export async function findDamagedReports(db: LocalDatabase): Promise<string[]> {
  const damaged = await db.find('reports', {
    status: { $in: ['pending', 'approved', 'returned'] },
    $or: [{ versions: { $exists: false } }, { versions: { $size: 0 } }],
  })
  if (damaged.length === 0) return []
  const memberIds = [...new Set(damaged.map((r) => String(r.memberId)))]
  const members = await db.find('members', { _id: { $in: memberIds } })
  const names = new Map(members.map((m) => [String(m._id), String(m.name)]))
  return damaged.map(
    (r) => `${names.get(String(r.memberId)) ?? String(r.memberId)} ${String(r.period)}（${String(r._id)}）`,
  )
}

export function damageWarning(reports: string[], dataDir: string): string {
  return [
    `[local-cloud] 发现 ${reports.length} 份已提交的思想汇报缺少正文（旧版本地云在查看成员档案时误删，见 README 更新记录）：`,
    ...reports.slice(0, 50).map((r) => `  - ${r}`),
    ...(reports.length > 50 ? [`  …… 另有 ${reports.length - 50} 份`] : []),
    `  删除数据目录 ${dataDir} 后重新启动即可恢复演示数据（该目录中的其他改动也会一并清除）。`,
  ].join('\n')
}
