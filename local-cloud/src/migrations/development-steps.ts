import type * as WxCloud from 'wx-server-sdk'
import { emptyStep } from '../../../cloudfunctions/development/src/file'
import { STAGE_STEP, stepId, type StepNo } from '../../../cloudfunctions/development/src/steps'
import { pagesById, readDocs, type MigrationOptions } from './common'

/**
 * The development file (issue #17) records 25 steps and is the one record of a member's development.
 * Before it, a member had five stage dates (`members.stageDates`) and records in `stageEvents`
 * (assessments, probation extensions). This moves them into the steps (`devSteps`, `_id` `<memberId>:<NN>`),
 * through the real SDK: the same code runs against the local cloud (on start, for a data dir from before)
 * and against WeChat cloud (scripts/migrate-development-steps.ts).
 *
 * - Each stage date becomes the date of the step that sets it (申请 1, 积极分子 3, 发展对象 7, 预备党员 15,
 *   正式党员 23).
 * - Active assessments (`kind: 'assess'`) join step 6's list of assessment days.
 * - An active probation extension (`kind: 'extend'`) becomes step 21's months and decision day (the
 *   latest one if there were several; the rules allow one).
 * - The member's `stage`/`stageDates` are then projected from the steps (a date the file recorded wins
 *   over the old stage date), as the step recorder keeps them.
 *
 * Idempotent: a step that has a date keeps it; facts already on a step are not overwritten; a second
 * run writes nothing. Migrated steps have no `recordedAt`: their rules were the old five-stage rules, so
 * the file's checks judge only what is recorded in it.
 */

type Cloud = typeof WxCloud
type Db = ReturnType<Cloud['database']>
type StageKey = keyof typeof STAGE_STEP

interface MemberRow {
  _id: string
  collegeId: string
  branchId: string | null
  stage: string
  stageDates?: Partial<Record<StageKey, string>>
}

interface StepRow {
  _id: string
  memberId: string
  step: number
  date?: string | null
  facts?: { assessments?: string[]; extensionMonths?: number; extensionDecidedOn?: string }
}

interface EventRow {
  memberId: string
  kind: 'assess' | 'extend'
  date: string
  months: number | null
  at: Date
}

export interface DevelopmentStepMigration {
  /** Members whose file or stage dates changed in this run. */
  members: number
  /** Step documents written (created, dated or given facts) in this run. */
  steps: number
}

const PAGE = 100
const STAGE_ORDER = ['masses', 'applicant', 'activist', 'candidate', 'probationary', 'full']
const READ_STEPS = [1, 3, 6, 7, 15, 21, 23]

async function membersAfter(db: Db, after: string | null): Promise<MemberRow[]> {
  const _ = db.command
  const where: Record<string, unknown> = { stage: _.neq('masses') }
  if (after !== null) where._id = _.gt(after)
  const res = await db
    .collection('members')
    .where(where)
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .field({ _id: true, collegeId: true, branchId: true, stage: true, stageDates: true })
    .get()
  if (!res || typeof res === 'string') throw new Error('the members query answered nothing')
  // The SDK types documents loosely: read the projected fields one by one.
  return res.data.map((doc) => ({
    _id: String(doc._id),
    collegeId: String(doc.collegeId),
    branchId: typeof doc.branchId === 'string' ? doc.branchId : null,
    stage: String(doc.stage),
    stageDates: doc.stageDates,
  }))
}

async function readPage(db: Db, ids: string[]): Promise<{ steps: StepRow[]; events: EventRow[] }> {
  const _ = db.command
  const [steps, events] = await Promise.all([
    readDocs<StepRow>(
      db
        .collection('devSteps')
        .where({ memberId: _.in(ids), step: _.in(READ_STEPS) })
        .limit(1000)
        .field({ _id: true, memberId: true, step: true, date: true, facts: true }),
    ),
    readDocs<EventRow>(
      db
        .collection('stageEvents')
        .where({ memberId: _.in(ids), active: true, kind: _.in(['assess', 'extend']) })
        .limit(1000)
        .field({ memberId: true, kind: true, date: true, months: true, at: true }),
    ),
  ])
  return { steps, events }
}

/** What one member's steps should gain: dates, assessment days, the extension. */
function changesFor(
  m: MemberRow,
  have: Map<number, StepRow>,
  events: EventRow[],
): Map<StepNo, Record<string, unknown>> {
  const out = new Map<StepNo, Record<string, unknown>>()
  for (const [stage, date] of Object.entries(m.stageDates ?? {})) {
    const no = STAGE_STEP[stage as StageKey]
    if (no && date && !have.get(no)?.date) out.set(no, { date })
  }
  const assessed = events.filter((e) => e.kind === 'assess').map((e) => e.date)
  const onFile = have.get(6)?.facts?.assessments ?? []
  const merged = [...new Set([...onFile, ...assessed])].sort()
  if (merged.length > onFile.length) out.set(6, { 'facts.assessments': merged })
  const extension = events
    .filter((e) => e.kind === 'extend' && e.months)
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .pop()
  if (extension && have.get(21)?.facts?.extensionMonths === undefined) {
    out.set(21, {
      'facts.extensionMonths': extension.months,
      'facts.extensionDecidedOn': extension.date,
      ...(have.get(21)?.date ? {} : { date: extension.date }),
    })
  }
  return out
}

/** `{ 'facts.x': v }` as a new document's nested facts. */
function asDocument(change: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const facts: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(change)) {
    if (k.startsWith('facts.')) facts[k.slice(6)] = v
    else out[k] = v
  }
  return { ...out, facts }
}

/** The member's stage and stage dates as the (migrated) steps set them; the stage never moves back. */
function projection(
  m: MemberRow,
  dates: Map<number, string | null | undefined>,
): { stage: string; stageDates: Record<string, string> } {
  const stageDates: Record<string, string> = {}
  let stage = m.stage
  for (const [key, no] of Object.entries(STAGE_STEP)) {
    const date = dates.get(no)
    if (!date) continue
    stageDates[key] = date
    if (STAGE_ORDER.indexOf(key) > STAGE_ORDER.indexOf(stage)) stage = key
  }
  return { stage, stageDates }
}

function sameDates(a: Record<string, string | undefined>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a).filter((k) => a[k]), ...Object.keys(b)])
  return [...keys].every((k) => a[k] === b[k])
}

export async function migrateDevelopmentSteps(
  cloud: Cloud,
  opts: MigrationOptions = {},
): Promise<DevelopmentStepMigration> {
  const db = cloud.database()
  const now = opts.now ?? new Date()
  const result: DevelopmentStepMigration = { members: 0, steps: 0 }
  for await (const members of pagesById((after) => membersAfter(db, after), PAGE)) {
    const { steps, events } = await readPage(
      db,
      members.map((m) => m._id),
    )
    for (const m of members) {
      const have = new Map(steps.filter((s) => s.memberId === m._id).map((s) => [s.step, s]))
      const changes = changesFor(
        m,
        have,
        events.filter((e) => e.memberId === m._id),
      )
      for (const [no, change] of changes) {
        if (have.has(no)) {
          await db
            .collection('devSteps')
            .doc(stepId(m._id, no))
            .update({ data: { ...change, migratedFrom: 'stageDates', updatedAt: now } })
        } else {
          const doc = { ...emptyStep(m, no, now), ...asDocument(change), migratedFrom: 'stageDates' }
          await db.collection('devSteps').add({ data: doc })
        }
        result.steps++
      }
      const dates = new Map<number, string | null | undefined>([...have].map(([no, s]) => [no, s.date]))
      for (const [no, change] of changes) if (typeof change.date === 'string') dates.set(no, change.date)
      const projected = projection(m, dates)
      const stale = projected.stage !== m.stage || !sameDates(m.stageDates ?? {}, projected.stageDates)
      if (stale) {
        await db
          .collection('members')
          .doc(m._id)
          .update({ data: { stage: projected.stage, stageDates: db.command.set(projected.stageDates) } })
      }
      if (changes.size || stale) result.members++
    }
  }
  // The old records are kept (history), marked as carried over: a local cloud starting on this data dir
  // then knows the migration is done.
  await db
    .collection('stageEvents')
    .where({ migratedToSteps: db.command.neq(true) })
    .update({ data: { migratedToSteps: true } })
  opts.log?.(
    `发展纪实迁移：${result.members} 名成员，${result.steps} 个步骤 / development steps: ${result.members} members, ${result.steps} steps`,
  )
  return result
}
