import type { Caller } from './auth'
import { insert } from './db'
import type { AuditDoc } from './models'

/** Records a sensitive change: who, what, when (architecture.md: Data). */
export async function audit(
  actor: Caller | null,
  action: string,
  targetId: string | null,
  detail: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const doc: AuditDoc = {
    at,
    actorId: actor?.memberId ?? null,
    actorName: actor?.member.name ?? '系统',
    action,
    targetId,
    detail,
  }
  await insert('audit', doc)
}
