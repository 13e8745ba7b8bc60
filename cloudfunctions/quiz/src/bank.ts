import { audit } from '../../_shared/audit'
import { hasRole, requireCaller, requireRole, type Caller } from '../../_shared/auth'
import { assertTextSafe } from '../../_shared/content'
import { command, findMany, getById, getDb, insert, isDuplicateKeyError, updateWhere } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import { encodeCursor, pageOf } from '../../_shared/cursor'
import type { BankQuestion, CursorPage } from './contract'
import type { QuestionDoc } from './model'
import { checkQuestion, normalizeStem, type QuestionInput } from './questions'
import { afterCursor, whereAll } from './store'

/** The question bank (题库): the committee keeps it; secretaries browse it to pick a quiz's questions. */

const PAGE_SIZE = 20

/** Managers see the bank; only the committee sees its answer key (a secretary also takes quizzes). */
export function bankQuestion(doc: QuestionDoc, withKey: boolean): BankQuestion {
  return {
    id: doc._id,
    type: doc.type,
    stem: doc.stem,
    options: doc.options,
    answer: withKey ? doc.answer : null,
    explanation: withKey ? doc.explanation : null,
    tags: doc.tags,
    difficulty: doc.difficulty,
    status: doc.status,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export async function questions(
  params: { id?: string; status: 'active' | 'retired'; tag?: string; keyword?: string; cursor?: string },
  ctx: CallContext,
): Promise<CursorPage<BankQuestion>> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'secretary', 'committee')
  const withKey = hasRole(caller, 'committee')
  if (params.id) {
    const doc = await ownQuestion(caller, params.id)
    return { items: [bankQuestion(doc, withKey)], nextCursor: null }
  }
  const base: Record<string, unknown> = { collegeId: caller.member.collegeId, status: params.status }
  if (params.tag) base.tags = params.tag
  if (params.keyword) base.stem = getDb().RegExp({ regexp: escapeRegExp(params.keyword), options: 'i' })
  const docs = await findMany('questions', whereAll(base, afterCursor('createdAt', params.cursor)), {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    limit: PAGE_SIZE + 1,
  })
  const { page, nextCursor } = pageOf(docs, PAGE_SIZE, (last) => encodeCursor(last.createdAt, [last._id]))
  return { items: page.map((doc) => bankQuestion(doc, withKey)), nextCursor }
}

export type EditQuestionInput =
  | ({ op: 'save'; id?: string } & QuestionInput)
  | { op: 'retire'; id: string }
  | { op: 'restore'; id: string }

const DUPLICATE = '题库中已有相同题干的题目，请修改题干或编辑原题'

export async function editQuestion(params: EditQuestionInput, ctx: CallContext): Promise<BankQuestion> {
  const caller = await requireCaller(ctx)
  requireRole(caller, 'committee')
  if (params.op === 'save') return saveQuestion(caller, params, ctx.now)
  const doc = await ownQuestion(caller, params.id)
  const status = params.op === 'retire' ? 'retired' : 'active'
  if (doc.status !== status) {
    await updateWhere('questions', { _id: doc._id }, { status, updatedAt: ctx.now })
    await audit(
      caller,
      `quiz.question.${params.op}`,
      doc._id,
      { stem: doc.stem, before: { status: doc.status }, after: { status } },
      ctx.now,
    )
  }
  return bankQuestion({ ...doc, status, updatedAt: ctx.now }, true)
}

async function ownQuestion(caller: Caller, id: string): Promise<QuestionDoc> {
  const doc = await getById('questions', id)
  if (!doc || doc.collegeId !== caller.member.collegeId) throw new AppError('NOT_FOUND', '没有找到这道题目')
  return doc
}

/** Creates (no id) or edits a question; published quizzes keep the version they were set with. */
async function saveQuestion(caller: Caller, params: { id?: string } & QuestionInput, now: Date): Promise<BankQuestion> {
  const checked = checkQuestion(params)
  if (!checked.ok) throw new AppError('INVALID_ARGUMENT', checked.message)
  const q = checked.question
  const fields = {
    type: q.type,
    stem: q.stem,
    stemKey: normalizeStem(q.stem),
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    tags: q.tags,
    difficulty: q.difficulty,
  }
  const before = params.id ? await ownQuestion(caller, params.id) : null
  await assertTextSafe([q.stem, ...q.options, q.explanation, ...q.tags].join('\n'), caller.openid)
  try {
    if (before) {
      await updateWhere('questions', { _id: before._id }, { ...fields, updatedAt: now })
      await audit(
        caller,
        'quiz.question.edit',
        before._id,
        { before: keyOf(before), after: keyOf({ ...before, ...fields }) },
        now,
      )
      return bankQuestion({ ...before, ...fields, updatedAt: now }, true)
    }
    const doc: Omit<QuestionDoc, '_id'> = {
      collegeId: caller.member.collegeId,
      ...fields,
      status: 'active',
      source: 'manual',
      createdBy: caller.memberId,
      createdAt: now,
      updatedAt: now,
    }
    const id = await insert('questions', doc)
    await audit(caller, 'quiz.question.create', id, { stem: q.stem, before: null, after: keyOf(doc) }, now)
    return bankQuestion({ _id: id, ...doc }, true)
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('CONFLICT', DUPLICATE)
    throw error
  }
}

/** What an audit record keeps of a question: enough to see what changed, the answer key included. */
function keyOf(
  q: Pick<QuestionDoc, 'stem' | 'options' | 'answer' | 'type' | 'explanation' | 'tags' | 'difficulty'>,
): Record<string, unknown> {
  return {
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    tags: q.tags,
    difficulty: q.difficulty,
  }
}

/** Used by the importer: which of these stem keys the bank already has. */
export async function existingStemKeys(collegeId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set()
  const _ = command()
  const found = await findMany<Pick<QuestionDoc, 'stemKey'>>(
    'questions',
    { collegeId, stemKey: _.in(keys) },
    { fields: { stemKey: true }, limit: 1000 },
  )
  return new Set(found.map((q) => q.stemKey))
}
