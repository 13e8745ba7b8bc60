import type { Caller } from './auth'
import { insert } from './db'
import type { AuditDoc } from './models'

/**
 * Records a sensitive change: who, what, when (architecture.md: Data). `id`, when given, makes the entry
 * the claim of something allowed once (its insert fails with a duplicate key the second time).
 */
export async function audit(
  actor: Caller | null,
  action: string,
  targetId: string | null,
  detail: Record<string, unknown>,
  at: Date,
  id?: string,
): Promise<void> {
  const doc: AuditDoc = {
    ...(id ? { _id: id } : {}),
    at,
    actorId: actor?.memberId ?? null,
    actorName: actor?.member.name ?? '系统',
    action,
    targetId,
    detail,
  }
  await insert('audit', doc)
}
