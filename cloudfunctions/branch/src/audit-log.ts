import { command, findMany, type Where } from '../../_shared/db'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { AuditDoc, MemberDoc } from '../../_shared/models'
import { parsePeriod } from '../../_shared/periods'
import { addDays, iso, startOfChinaDay } from '../../_shared/time'
import { badCursor, decodeCursor, encodeCursor, pageOf } from '../../_shared/cursor'
import type { AuditEntry, AuditLogResult } from './contract'
import { allOf, loadWorkspace, requireCommittee } from './context'

/**
 * The audit log for the committee: newest first, filtered by who (name or student number), on whom,
 * what (an action, or every action of a feature: `report.`), and a date range; a page at a time by
 * cursor. Requests: workspace, the people named in the filters, the page, the names of its targets.
 */

const PAGE = 20

/** What each recorded action means, in the committee's words (unknown ones show their code). */
export const ACTION_LABELS: Record<string, string> = {
  'user.bind': '绑定微信',
  'branch.issueBindCode': '发放绑定码',
  'branch.bindCodeSheet': '打印绑定码',
  'branch.unbind': '解除微信绑定',
  'branch.setPost': '设定支委职务',
  'branch.moveStage': '发展阶段变更',
  'branch.assess': '登记积极分子考察',
  'branch.extend': '延长预备期',
  'branch.correctStage': '更正发展记录',
  'branch.importRoster': '导入名册',
  'branch.saveBranch': '支部与书记设置',
  'branch.export': '导出数据',
  'branch.archive': '调阅汇报存档',
  'development.recordStep': '登记发展步骤',
  'development.saveMaterial': '上传发展材料',
  'development.checkMaterial': '核对发展材料',
  'development.saveCalendar': '维护工作日历',
  'development.exportFile': '导出发展纪实表',
  'development.exportBranch': '批量导出发展纪实表',
  'development.saveRule': '修改发展党员规则',
  'development.addMaterial': '增加发展材料项',
  'development.removeMaterial': '删除发展材料项',
  'report.review': '审阅思想汇报',
  'report.nudge': '提醒提交思想汇报',
  'meeting.create': '发起会议',
  'meeting.update': '修改会议',
  'meeting.correct': '更正已结束的会议',
  'meeting.cancel': '取消会议',
  'meeting.minutes': '记录会议纪要',
  'meeting.exportAttendance': '导出签到表',
  'meeting.approveLeave': '批准请假',
  'meeting.refuseLeave': '驳回请假',
  'meeting.signInByHand': '书记补签',
  'meeting.signInByScan': '扫码代签',
  'study.publish': '发布文章',
  'study.edit': '修改已发布文章',
  'study.unpublish': '已发布文章改为草稿',
  'study.withdraw': '撤回文章',
  'study.column.create': '新建栏目',
  'study.column.update': '修改栏目',
  'study.column.move': '调整栏目顺序',
  'quiz.question.create': '新增题目',
  'quiz.question.edit': '修改题目',
  'quiz.question.import': '导入题库',
  'quiz.question.retire': '停用题目',
  'quiz.question.restore': '恢复题目',
  'quiz.create': '设置测验',
  'quiz.flagged': '答题异常标记',
  'meeting.confirmOnline': '线上会议确认参会',
  'care.registerAway': '外出登记',
  'care.reportIn': '外出党员报到',
  'care.recordContact': '登记与外出党员联系',
  'care.endAway': '结束外出登记',
  'care.remind': '提醒外出党员报到',
  'care.applyTransfer': '申请组织关系转接',
  'care.withdrawTransfer': '撤回转接申请',
  'care.approveTransfer': '同意组织关系转接',
  'care.returnTransfer': '退回转接申请',
  'care.issueLetter': '开具组织关系介绍信',
  'care.reissueLetter': '重新开具介绍信',
  'care.readLetter': '查看介绍信',
  'care.letterFile': '生成介绍信文件',
  'care.completeTransfer': '回执上传，组织关系转出',
  'care.recordTalk': '记录谈心谈话',
  'care.recordTraining': '登记培训学时',
  'dues.recordCash': '登记现金党费',
  'dues.setIncome': '设置党费基数',
  'dues.requestExemption': '申请免交或减交党费',
  'dues.decideExemption': '审批免交或减交党费',
  'dues.recordUse': '登记党费使用',
  'dues.exportBranch': '导出党费交纳情况',
  'dues.authorizeProxy': '批准代缴党费',
  'voices.startAppraisal': '开展民主评议党员',
  'voices.closeAppraisal': '结束民主评议互评',
  'voices.decideGrade': '评定民主评议等次',
  'voices.publishAppraisal': '公布民主评议结果',
  'voices.exportAppraisal': '导出民主评议结果',
  'voices.createVote': '发起投票',
  'voices.closeVote': '结束投票并计票',
  'voices.createSurvey': '发起征求意见',
  'voices.closeSurvey': '结束征求意见',
  'voices.exportSurvey': '导出征求意见结果',
  'voices.nominate': '推荐榜样',
  'voices.awardHonour': '授予荣誉称号',
  'voices.declineNomination': '不予表彰',
}

/** Feature prefixes the filter offers besides single actions. */
const FEATURE_LABELS: Record<string, string> = {
  'user.': '全部：身份绑定',
  'branch.': '全部：支部工作',
  'report.': '全部：思想汇报',
  'meeting.': '全部：组织生活',
  'study.': '全部：学习',
  'quiz.': '全部：答题',
  'dues.': '全部：党费',
  'voices.': '全部：评议与投票',
}

export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action]
  if (action.startsWith('study.comment.')) return '评论管理'
  if (action.startsWith('quiz.question.')) return '题库管理'
  return action
}

const VALUE_WORDS: Record<string, string> = { approve: '通过', return: '退回修改' }

/** A line for entries other features wrote (their detail has no `summary`): the known fields, in words. */
function summaryOf(entry: AuditDoc): string {
  const d = entry.detail ?? {}
  if (typeof d.summary === 'string') return d.summary
  const parts: string[] = []
  for (const key of ['title', 'name', 'stem', 'period', 'studentNo', 'decision', 'reason', 'comment', 'note', 'text']) {
    const v = d[key]
    if (typeof v !== 'string' || !v) continue
    const word = key === 'period' ? (parsePeriod(v)?.label ?? v) : (VALUE_WORDS[v] ?? v)
    parts.push(word.length > 40 ? `${word.slice(0, 40)}…` : word)
  }
  return parts.join(' · ')
}

/**
 * The ids an entry may name a member by: its target, else the member in its detail. Member ids are
 * opaque, so which of them are members is answered by the names query (other ids find no member).
 */
function memberIdsOf(entry: AuditDoc): string[] {
  const m = entry.detail?.memberId
  return [entry.targetId, typeof m === 'string' ? m : null].filter((id): id is string => Boolean(id))
}

/** The audit log pages by time and the count already shown at that time (entries have no tie-breaking order). */
function skipCursor(raw: string | undefined): { at: Date; skip: number } | null {
  const cursor = decodeCursor(raw)
  if (!cursor) return null
  const skip = Number(cursor.ids[0])
  if (cursor.ids.length !== 1 || !Number.isInteger(skip) || skip < 0 || skip > 9999) throw badCursor()
  return { at: new Date(cursor.key), skip }
}

/** Members named (by name or student number) in a filter: one query for both filters. */
async function resolvePeople(
  collegeId: string,
  terms: string[],
): Promise<Pick<MemberDoc, '_id' | 'name' | 'studentNo'>[]> {
  if (terms.length === 0) return []
  const _ = command()
  const upper = terms.map((t) => t.toUpperCase())
  const where = _.and([{ collegeId }, _.or([{ name: _.in(terms) }, { studentNo: _.in(upper) }])])
  return findMany<Pick<MemberDoc, '_id' | 'name' | 'studentNo'>>('members', where, {
    limit: 100,
    fields: { name: true, studentNo: true },
  })
}

function matches(person: Pick<MemberDoc, 'name' | 'studentNo'>, term: string | undefined): boolean {
  return Boolean(term) && (person.name === term || person.studentNo === term?.toUpperCase())
}

export async function auditLog(
  params: { actor?: string; target?: string; operation?: string; from?: string; to?: string; cursor?: string },
  ctx: CallContext,
): Promise<AuditLogResult> {
  const ws = await loadWorkspace(ctx)
  requireCommittee(ws.caller)
  const actions = [
    ...Object.entries(FEATURE_LABELS).map(([action, label]) => ({ action, label })),
    ...Object.entries(ACTION_LABELS).map(([action, label]) => ({ action, label })),
  ]
  const actor = params.actor?.trim() || undefined
  const target = params.target?.trim() || undefined
  const people = await resolvePeople(
    ws.caller.member.collegeId,
    [actor, target].filter((t): t is string => Boolean(t)),
  )
  const actorIds = people.filter((p) => matches(p, actor)).map((p) => p._id)
  const targetIds = people.filter((p) => matches(p, target)).map((p) => p._id)
  const nobody =
    (actor && actorIds.length === 0 ? `没有找到操作人「${actor}」` : '') ||
    (target && targetIds.length === 0 ? `没有找到操作对象「${target}」` : '')
  if (nobody) return { entries: [], nextCursor: null, actions, notice: `${nobody}，请输入本院成员的姓名或学号` }

  const _ = command()
  const where: Record<string, unknown> = {}
  if (actorIds.length) where.actorId = _.in(actorIds)
  if (targetIds.length) where.targetId = _.in(targetIds)
  const op = params.operation
  if (op) where.action = op.endsWith('.') ? allOf([_.gte(op), _.lt(`${op}\uffff`)]) : op
  if (params.from && params.to && params.from > params.to)
    throw new AppError('INVALID_ARGUMENT', '开始日期不能晚于结束日期')
  const cursor = skipCursor(params.cursor)
  const bounds = [
    params.from ? _.gte(startOfChinaDay(params.from)) : null,
    params.to ? _.lt(startOfChinaDay(addDays(params.to, 1))) : null,
    cursor ? _.lte(cursor.at) : null,
  ].filter((b): b is NonNullable<typeof b> => b !== null)
  if (bounds.length) where.at = allOf(bounds)

  const rows = await findMany<AuditDoc & { _id: string }>('audit', where as Where, {
    orderBy: [['at', 'desc']],
    skip: cursor?.skip ?? 0,
    limit: PAGE + 1,
  })
  const { page, nextCursor } = pageOf(rows, PAGE, (last, shown) => {
    const lastAt = new Date(last.at).getTime()
    // Entries sharing the last timestamp that this page showed: the next page skips them.
    const sameAt = shown.filter((e) => new Date(e.at).getTime() === lastAt).length
    const carried = cursor && cursor.at.getTime() === lastAt ? cursor.skip : 0
    return encodeCursor(last.at, [String(sameAt + carried)])
  })
  const ids = [...new Set(page.flatMap(memberIdsOf))]
  const names = ids.length
    ? await findMany<Pick<MemberDoc, '_id' | 'name'>>(
        'members',
        { _id: _.in(ids) },
        { limit: ids.length, fields: { name: true } },
      )
    : []
  const nameOf = new Map(names.map((n) => [n._id, n.name]))
  const entries: AuditEntry[] = page.map((e) => {
    const member = memberIdsOf(e).find((id) => nameOf.has(id))
    const targetName =
      (member && nameOf.get(member)) || (typeof e.detail?.memberName === 'string' ? e.detail.memberName : null)
    return {
      id: e._id,
      at: iso(e.at) ?? '',
      actorName: e.actorName,
      action: e.action,
      actionLabel: actionLabel(e.action),
      targetId: e.targetId,
      targetName,
      summary: summaryOf(e),
    }
  })
  return { entries, nextCursor, actions, notice: null }
}
