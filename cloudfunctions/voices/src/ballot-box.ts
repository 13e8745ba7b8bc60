import { audit } from '../../_shared/audit'
import { requireCallerWith, type Caller, type CallerWith } from '../../_shared/auth'
import { command, readInTx, transaction, type Tx } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'

/**
 * The ballot box of appraisals, votes and surveys. A ballot is never stored as a document of its own:
 * it becomes increments of counters in the box's tally document (`ballotTallies`, `_id` = the box id),
 * and its free text is pushed into arrays kept sorted by text, so the tally holds no voter, no time
 * and no order. Who has voted is kept apart (`ballotVoters`, `_id` = `<memberId>:<boxId>`), written in
 * the same transaction: a second ballot finds the marker and is refused, and a failed ballot leaves
 * neither. Only a named box keeps the ballot, the name and the time on the marker.
 */

export interface TallyDoc {
  _id: string
  /** Ballots cast. */
  ballots: number
  /** counts[key][choice]: e.g. counts[memberId].excellent, counts[subjectId].for, counts[questionId]['2']. */
  counts: Record<string, Record<string, number>>
  /** notes[key]: free text, sorted (comments of a peer appraisal, text answers of a survey). */
  notes: Record<string, string[]>
}

export interface VoterDoc {
  _id: string
  boxId: string
  memberId: string
  /** Named boxes only. */
  name?: string
  ballot?: unknown
  at?: Date
}

/** A box as the caller sees it: its document (null when missing), its tally and whether the caller has voted. */
export interface LoadedBox<D> {
  caller: CallerWith
  doc: D | null
  tally: TallyDoc | null
  voted: boolean
}

/** The caller with a box's document, its tally and the caller's own voter marker: one request. */
export async function loadBox<D>(
  ctx: CallContext,
  collection: 'appraisals' | 'votes' | 'surveys',
  boxId: string,
  college = false,
): Promise<LoadedBox<D>> {
  const caller = await requireCallerWith(ctx, {
    college,
    byId: { [collection]: [boxId], ballotTallies: [boxId] },
    own: { ballotVoters: [boxId] },
  })
  return {
    caller,
    doc: (caller.byId[collection]?.[0] as D | undefined) ?? null,
    tally: (caller.byId.ballotTallies?.[0] as TallyDoc | undefined) ?? null,
    voted: ((caller.byId.ballotVoters ?? []) as VoterDoc[]).some((v) => v.boxId === boxId),
  }
}

/** Writes a new box's document and its empty tally, in the caller's transaction. */
export async function writeNewBox(
  tx: Tx,
  collection: 'appraisals' | 'votes' | 'surveys',
  doc: { _id: string },
): Promise<void> {
  const { _id: boxId, ...body } = doc
  await tx.collection(collection).doc(boxId).set({ data: body })
  const { _id: _t, ...tally } = emptyTally(boxId)
  await tx.collection('ballotTallies').doc(boxId).set({ data: tally })
}

/** Opens a new vote or survey: its document and empty tally in one transaction, then the audit of its creation. */
export async function openBox(
  caller: Caller,
  collection: 'votes' | 'surveys',
  doc: { _id: string },
  action: string,
  after: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await transaction((tx) => writeNewBox(tx, collection, doc))
  await audit(caller, action, doc._id, { before: null, after }, now)
}

export function voterIdOf(memberId: string, boxId: string): string {
  return `${memberId}:${boxId}`
}

export function emptyTally(boxId: string): TallyDoc {
  return { _id: boxId, ballots: 0, counts: {}, notes: {} }
}

export interface Ballot {
  boxId: string
  memberId: string
  /** `key.choice` paths to add one to. */
  marks: { key: string; choice: string }[]
  notes: { key: string; text: string }[]
  /** Named boxes: what the marker keeps besides the voter. */
  named: { name: string; ballot: unknown; at: Date } | null
  /** The refusal when this member has voted already. */
  already: string
}

/** Keys and choices become field names of the tally: our own ids and numbers only. */
const FIELD = /^[A-Za-z0-9_-]{1,64}$/

/** Counts the ballot and marks the member as having voted, in one transaction. */
export async function castBallot(ballot: Ballot): Promise<void> {
  for (const m of ballot.marks) {
    if (!FIELD.test(m.key) || !FIELD.test(m.choice)) throw new Error(`bad tally field ${m.key}.${m.choice}`)
  }
  const _ = command()
  const update: Record<string, unknown> = { ballots: _.inc(1) }
  for (const m of ballot.marks) update[`counts.${m.key}.${m.choice}`] = _.inc(1)
  const notesByKey = new Map<string, string[]>()
  for (const n of ballot.notes) {
    if (!FIELD.test(n.key)) throw new Error(`bad tally note ${n.key}`)
    if (n.text.trim()) notesByKey.set(n.key, [...(notesByKey.get(n.key) ?? []), n.text.trim()])
  }
  // Sorted by text: the array's order says nothing about when or by whom a note was written.
  for (const [key, texts] of notesByKey) update[`notes.${key}`] = _.push({ each: texts, sort: 1 })

  const voterId = voterIdOf(ballot.memberId, ballot.boxId)
  await transaction(async (tx) => {
    const voters = tx.collection('ballotVoters')
    if (await readInTx<VoterDoc>(voters.doc(voterId))) throw new AppError('CONFLICT', ballot.already)
    const marker: Record<string, unknown> = { boxId: ballot.boxId, memberId: ballot.memberId }
    if (ballot.named) Object.assign(marker, ballot.named)
    await voters.doc(voterId).set({ data: marker })
    const res = await tx.collection('ballotTallies').doc(ballot.boxId).update({ data: update })
    if (res.stats.updated !== 1) throw new AppError('FAILED_PRECONDITION', '投票箱不存在，请刷新后重试')
  }, 3)
}

/** A choice's count in a tally (0 when nobody chose it). */
export function countOf(tally: TallyDoc | null, key: string, choice: string): number {
  return tally?.counts?.[key]?.[choice] ?? 0
}
