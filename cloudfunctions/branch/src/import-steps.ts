/**
 * A roster import's stage dates, written where a member's development is recorded: as the dates of the
 * steps that set them in the development file (`devSteps`), with the member's `stage`/`stageDates`
 * projected from those steps in the same transaction. A date the file recorded (with its rules and
 * audit) wins over the roster's: the roster only fills dates the file does not have yet.
 */
import { command, findAll, type Tx } from '../../_shared/db'
import type { Stage, StageDates } from '../../_shared/domain'
import type { MemberDoc } from '../../_shared/models'
import { byStep, emptyStep, stageProjection, type DevStepDoc } from '../../development/src/file'
import { STAGE_STEP } from '../../development/src/steps'
import { STEP_STAGES } from './contract'

const STAGE_STEP_NOS = STEP_STAGES.map((s) => STAGE_STEP[s])

/** The stage steps already on file for these members, by member (one aggregate: devSteps `member_step`). */
export async function stageStepsOf(memberIds: string[]): Promise<Map<string, DevStepDoc[]>> {
  const out = new Map<string, DevStepDoc[]>()
  if (memberIds.length === 0) return out
  const _ = command()
  const docs = await findAll<DevStepDoc>(
    'devSteps',
    { memberId: _.in(memberIds), step: _.in(STAGE_STEP_NOS) },
    { memberId: 1, step: 1, date: 1, recordedAt: 1 },
  )
  for (const d of docs) out.set(d.memberId, [...(out.get(d.memberId) ?? []), d])
  return out
}

type Owner = Pick<MemberDoc, '_id' | 'collegeId' | 'branchId'>

/**
 * Writes the roster's dates into the member's stage steps (in `tx`) and answers the member's stage and
 * stage dates as those steps set them.
 */
export async function writeStageSteps(
  tx: Tx,
  member: Owner,
  stage: Stage,
  dates: StageDates,
  onFile: readonly DevStepDoc[],
  now: Date,
): Promise<{ stage: Stage; stageDates: StageDates }> {
  const docs = byStep(onFile.map((d) => ({ ...d })))
  for (const s of STEP_STAGES) {
    const date = dates[s]
    const no = STAGE_STEP[s]
    const have = docs[no]
    if (!date || have?.date === date || (have?.date && have.recordedAt)) continue
    if (have) {
      await tx
        .collection('devSteps')
        .doc(have._id)
        .update({ data: { date, updatedAt: now } })
      docs[no] = { ...have, date }
      continue
    }
    const { _id, ...doc } = { ...emptyStep(member, no, now), date }
    await tx
      .collection('devSteps')
      .doc(_id)
      .set({ data: doc as unknown as Record<string, unknown> })
    docs[no] = { ...doc, _id }
  }
  return stageProjection(docs, stage)
}
