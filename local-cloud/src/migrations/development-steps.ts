import type * as WxCloud from 'wx-server-sdk'
import { STAGE_STEP, stepId, type StepNo } from '../../../cloudfunctions/development/src/steps'

/**
 * The development file (issue #17) records 25 steps; before it, a member had five stage dates
 * (`members.stageDates`). Each stage date becomes the date of the step that sets it (申请 → step 1,
 * 积极分子 → 3, 发展对象 → 7, 预备党员 → 15, 正式党员 → 23) in `devSteps` (`_id` `<memberId>:<NN>`),
 * through the real SDK: the same code runs against the local cloud (on start, for a data dir from
 * before) and against WeChat cloud (scripts/migrate-development-steps.ts).
 *
 * Idempotent: a step document that already has a date is left as it is (a date recorded in the file
 * wins); one without a date (materials only) gets the date and keeps its materials. The stage dates
 * stay on the member (every other feature reads them). Migrated steps have no `recordedAt`: their
 * rules were the old five-stage rules, so the file's checks judge only what is recorded in it.
 */

type Cloud = typeof WxCloud
type Db = ReturnType<Cloud['database']>

interface MemberRow {
  _id: string
  collegeId: string
  branchId: string | null
  stageDates?: Partial<Record<keyof typeof STAGE_STEP, string>>
}

interface StepRow {
  _id: string
  date?: string | null
}

export interface DevelopmentStepMigration {
  /** Members whose file got at least one step in this run. */
  members: number
  /** Step documents written (created or dated) in this run. */
  steps: number
}

const PAGE = 200

async function membersAfter(db: Db, after: string | null): Promise<MemberRow[]> {
  const _ = db.command
  const where: Record<string, unknown> = { stage: _.neq('masses') }
  if (after !== null) where._id = _.gt(after)
  const res = await db
    .collection('members')
    .where(where)
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .field({ _id: true, collegeId: true, branchId: true, stageDates: true })
    .get()
  if (!res || typeof res === 'string') throw new Error('the members query answered nothing')
  // The SDK types documents loosely: read the projected fields one by one.
  return res.data.map((doc) => ({
    _id: String(doc._id),
    collegeId: String(doc.collegeId),
    branchId: typeof doc.branchId === 'string' ? doc.branchId : null,
    stageDates: doc.stageDates,
  }))
}

export async function migrateDevelopmentSteps(
  cloud: Cloud,
  opts: { log?: (line: string) => void; now?: Date } = {},
): Promise<DevelopmentStepMigration> {
  const db = cloud.database()
  const _ = db.command
  const now = opts.now ?? new Date()
  const result: DevelopmentStepMigration = { members: 0, steps: 0 }
  let after: string | null = null
  for (;;) {
    const members = await membersAfter(db, after)
    if (members.length === 0) break
    after = members[members.length - 1]._id
    const wanted = members.flatMap((m) =>
      Object.entries(m.stageDates ?? {})
        .filter(([stage, date]) => date && stage in STAGE_STEP)
        .map(([stage, date]) => ({
          member: m,
          step: STAGE_STEP[stage as keyof typeof STAGE_STEP] as StepNo,
          date: date as string,
        })),
    )
    const ids = wanted.map((w) => stepId(w.member._id, w.step))
    const existing = new Map<string, StepRow>()
    for (let i = 0; i < ids.length; i += 100) {
      const res = (await db
        .collection('devSteps')
        .where({ _id: _.in(ids.slice(i, i + 100)) })
        .limit(100)
        .field({ _id: true, date: true })
        .get()) as { data: StepRow[] }
      for (const row of res.data) existing.set(row._id, row)
    }
    const touched = new Set<string>()
    for (const w of wanted) {
      const id = stepId(w.member._id, w.step)
      const found = existing.get(id)
      if (found?.date) continue
      if (found) {
        await db
          .collection('devSteps')
          .doc(id)
          .update({ data: { date: w.date, migratedFrom: 'stageDates', updatedAt: now } })
      } else {
        await db.collection('devSteps').add({
          data: {
            _id: id,
            memberId: w.member._id,
            collegeId: w.member.collegeId,
            branchId: w.member.branchId,
            step: w.step,
            date: w.date,
            people: [],
            facts: {},
            materials: {},
            override: null,
            recordedBy: null,
            recordedByName: null,
            recordedAt: null,
            migratedFrom: 'stageDates',
            updatedAt: now,
          },
        })
      }
      result.steps++
      touched.add(w.member._id)
    }
    result.members += touched.size
    if (members.length < PAGE) break
  }
  opts.log?.(
    `发展纪实迁移：${result.members} 名成员，${result.steps} 个步骤日期 / development steps: ${result.members} members, ${result.steps} steps`,
  )
  return result
}
