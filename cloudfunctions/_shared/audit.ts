import type { Caller } from './auth'
import { insert, type Tx } from './db'
import type { AuditDoc } from './models'

/** One audit entry: who (the system when no caller), what, when. */
export function auditEntry(
  actor: Caller | null,
  action: string,
  targetId: string | null,
  detail: Record<string, unknown>,
  at: Date,
): AuditDoc {
  return { at, actorId: actor?.memberId ?? null, actorName: actor?.member.name ?? '系统', action, targetId, detail }
}

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
  await insert('audit', { ...(id ? { _id: id } : {}), ...auditEntry(actor, action, targetId, detail, at) })
}

/** Records a sensitive change in the same transaction as the change itself. */
export async function auditInTx(tx: Tx, entry: AuditDoc): Promise<void> {
  await tx.collection('audit').add({ data: entry })
}
