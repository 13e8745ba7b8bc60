/**
 * The rules of the development file as data: each names its text and article, is a hard block or a warning,
 * and is a college setting (`DevelopmentSettings.rules`) over the national default. `judgeStep` applies them
 * to one step about to be recorded; `fileProblems` (file.ts) applies them to a whole file.
 */
import {
  ADMISSION_MEETING_RULE,
  CONFIRMATION_MEETING_RULE,
  judgeVote,
  type RuleSource,
  type VoteCount,
} from '../../_shared/quorum'
import type { DevelopmentSettings, RuleSeverity, Stage } from '../../_shared/domain'
import { STAGE_LABELS, STAGES } from '../../_shared/domain'
import { addDays, addMonths, formatDay } from '../../_shared/time'
import type { WorkCalendar } from './calendar'
import { stageReachedBy, stepDef, stepsAfter, STEPS, type StepNo } from './steps'

export type { RuleSource }

export interface RuleDef {
  id: string
  /** The step the rule is checked on. */
  step: StepNo
  label: string
  severity: RuleSeverity
  /** The rule's number (months, days, hours) where it has one; its unit in words. */
  value?: number
  unit?: string
  source: RuleSource
  /** Whether a college may change it (the procedure's order and quorum are not local practice). */
  configurable: boolean
}

const XIZE = '《中国共产党发展党员工作细则》'
const LOCAL = '本院发展党员工作实施办法（院党委在设置中维护）'

export const RULES: readonly RuleDef[] = [
  {
    id: 'order',
    step: 1,
    label: '各步骤和材料的日期按程序先后',
    severity: 'block',
    source: {
      text: '发展党员按入党申请、确定入党积极分子、确定发展对象、接收预备党员、预备党员转正的程序逐步进行，后一步骤的日期不能早于它所依据的前一步骤。',
      article: `${XIZE}第二章至第六章`,
    },
    configurable: false,
  },
  {
    id: 'not-future',
    step: 1,
    label: '决定和会议的日期不能晚于登记之日',
    severity: 'block',
    source: { text: '发展党员材料记载的日期是会议召开、决定作出的实际日期，不得预填。', article: LOCAL },
    configurable: false,
  },
  {
    id: 'talk-within',
    step: 2,
    label: '收到入党申请书后一个月内谈话',
    severity: 'warn',
    value: 1,
    unit: '个月',
    source: {
      text: '党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话，了解基本情况。',
      article: `${XIZE}第七条`,
    },
    configurable: true,
  },
  {
    id: 'contacts',
    step: 5,
    label: '指定一至两名正式党员作培养联系人',
    severity: 'block',
    source: { text: '党组织应当指定一至两名正式党员作入党积极分子的培养联系人。', article: `${XIZE}第九条` },
    configurable: true,
  },
  {
    id: 'assessment-interval',
    step: 6,
    label: '每半年考察一次',
    severity: 'warn',
    value: 6,
    unit: '个月',
    source: { text: '党支部每半年对入党积极分子进行一次考察。', article: `${XIZE}第十一条` },
    configurable: true,
  },
  {
    id: 'activist-year',
    step: 7,
    label: '入党积极分子经过一年以上培养教育和考察',
    severity: 'block',
    value: 12,
    unit: '个月',
    source: {
      text: '对经过一年以上培养教育和考察、基本具备党员条件的入党积极分子，……可列为发展对象。',
      article: `${XIZE}第十三条`,
    },
    configurable: true,
  },
  {
    id: 'publicity-days',
    step: 7,
    label: '确定发展对象后公示',
    severity: 'block',
    value: 5,
    unit: '个工作日',
    source: {
      text: '发展对象确定后在一定范围内公示，公示期为 5 个工作日（国家细则未规定期限，按本院规定）。',
      article: LOCAL,
    },
    configurable: true,
  },
  {
    id: 'introducers',
    step: 9,
    label: '两名正式党员作入党介绍人',
    severity: 'block',
    source: { text: '发展对象应当有两名正式党员作入党介绍人。', article: `${XIZE}第十四条` },
    configurable: false,
  },
  {
    id: 'political-review',
    step: 15,
    label: '未经政治审查不能发展入党',
    severity: 'block',
    source: {
      text: '政治审查必须形成结论性材料。凡未经政治审查或政治审查不合格的，不能发展入党。',
      article: `${XIZE}第十六条`,
    },
    configurable: false,
  },
  {
    id: 'training-hours',
    step: 11,
    label: '集中培训不少于三天或二十四学时',
    severity: 'warn',
    value: 24,
    unit: '学时',
    source: {
      text: '对发展对象进行短期集中培训。培训时间一般不少于三天（或不少于二十四个学时）。',
      article: `${XIZE}第十七条`,
    },
    configurable: true,
  },
  {
    id: 'preview-first',
    step: 14,
    label: '预审合格后填写入党志愿书',
    severity: 'block',
    source: {
      text: '基层党委……审查结果以书面形式通知党支部，并向审查合格的发展对象发放《中国共产党入党志愿书》。',
      article: `${XIZE}第十九条`,
    },
    configurable: false,
  },
  {
    id: 'leaving-soon',
    step: 13,
    label: '三个月内将离开学校的发展对象一般不办理接收',
    severity: 'warn',
    value: 3,
    unit: '个月',
    source: {
      text: '发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续。',
      article: `${XIZE}第十九条`,
    },
    configurable: true,
  },
  {
    id: 'admission-vote',
    step: 15,
    label: ADMISSION_MEETING_RULE.label,
    severity: 'block',
    source: {
      text: ADMISSION_MEETING_RULE.sources.map((s) => s.text).join(''),
      article: `${XIZE}第二十条、第二十一条`,
    },
    configurable: false,
  },
  {
    id: 'reports-before-admission',
    step: 15,
    label: '审阅通过的思想汇报篇数',
    severity: 'warn',
    value: 4,
    unit: '篇',
    source: { text: '发展对象接收为预备党员前，应有按季度递交并经审阅的思想汇报。', article: LOCAL },
    configurable: true,
  },
  {
    id: 'approval-within',
    step: 17,
    label: '上级党委三个月内审批，最长不超过六个月',
    severity: 'warn',
    value: 3,
    unit: '个月',
    source: {
      text: '上级党委对党支部上报的接收预备党员的决议，应当在三个月内审批……因特殊情况可适当延长审批时间，但不得超过六个月。',
      article: `${XIZE}第二十五条`,
    },
    configurable: true,
  },
  {
    id: 'extension',
    step: 21,
    label: '预备期只能延长一次，半年至一年',
    severity: 'block',
    source: {
      text: '需要继续考察和教育的，可以延长一次预备期，延长时间不能少于半年，最长不超过一年。',
      article: `${XIZE}第三十二条`,
    },
    configurable: false,
  },
  {
    id: 'application-lead',
    step: 22,
    label: '预备期满前约一个月提出转正申请',
    severity: 'warn',
    value: 30,
    unit: '天',
    source: { text: '预备党员预备期满前一个月左右，应当主动向党支部提出书面转正申请。', article: LOCAL },
    configurable: true,
  },
  {
    id: 'probation-ended',
    step: 23,
    label: '预备期满后讨论转正',
    severity: 'block',
    value: 12,
    unit: '个月',
    source: {
      text: '预备党员的预备期为一年。预备期从支部大会通过其为预备党员之日算起。预备党员预备期满，党支部应当及时讨论其能否转为正式党员。',
      article: `${XIZE}第三十二条`,
    },
    configurable: false,
  },
  {
    id: 'confirmation-vote',
    step: 23,
    label: CONFIRMATION_MEETING_RULE.label,
    severity: 'block',
    source: {
      text: CONFIRMATION_MEETING_RULE.sources.map((s) => s.text).join(''),
      article: `${XIZE}第二十条、第二十一条、第三十三条`,
    },
    configurable: false,
  },
  {
    id: 'signing-date',
    step: 1,
    label: '入党申请书的签署日期与递交日期一致',
    severity: 'warn',
    value: 7,
    unit: '天',
    source: {
      text: '审看入党申请人是否在申请书上亲笔签名，以及签署日期是否与递交申请书日期基本一致。',
      article: LOCAL,
    },
    configurable: true,
  },
]

export type RuleId = (typeof RULES)[number]['id']

/** The rules with the college's severity and value over the national default. */
export function resolveRules(dev: DevelopmentSettings): Map<string, RuleDef> {
  const map = new Map<string, RuleDef>()
  for (const rule of RULES) {
    const local = rule.configurable ? dev.rules?.[rule.id] : undefined
    // The two numbers that were settings before the rules were data keep their meaning.
    const legacy =
      rule.id === 'activist-year'
        ? dev.activistMonths
        : rule.id === 'reports-before-admission'
          ? dev.reportsBeforeAdmission
          : rule.id === 'probation-ended'
            ? dev.probationMonths
            : rule.id === 'application-lead'
              ? dev.conversionLeadDays
              : rule.id === 'assessment-interval'
                ? dev.assessmentMonths
                : undefined
    map.set(rule.id, {
      ...rule,
      severity: local?.severity ?? rule.severity,
      value: local?.value ?? legacy ?? rule.value,
    })
  }
  return map
}

// ------------------------------------------------------------------------------------------------
// Dates

export { addMonths, formatDay }

/** The last day of a period of `months` starting on `start`: the day before the anniversary. */
export function periodEnds(start: string, months: number): string {
  return addDays(addMonths(start, months), -1)
}

// ------------------------------------------------------------------------------------------------
// The state a judgement needs

export interface StepPerson {
  role: 'talker' | 'contact' | 'introducer'
  name: string
}

export interface PublicityFacts {
  start: string
  end: string
  objections: number
  handling: string
}

export interface StepFacts {
  publicity?: PublicityFacts
  vote?: VoteCount
  /** Step 11: hours of the 短期集中培训 (issue #19 counts training hours from this field). */
  trainingHours?: number
  trainingDays?: number
  /** Step 6: the days of the six-monthly assessments. */
  assessments?: string[]
  /** Step 13: the day the member is expected to leave the college (graduation). */
  leavesOn?: string
  /** Step 21: months the probation was extended by, and the day the branch meeting decided it. */
  extensionMonths?: number
  extensionDecidedOn?: string
}

export interface StepInput {
  date: string
  people: StepPerson[]
  facts: StepFacts
}

export interface FileState {
  name: string
  stage: Stage
  /** The recorded date of each step. */
  dates: Partial<Record<StepNo, string>>
  facts: Partial<Record<StepNo, StepFacts>>
  approvedReports: number
}

export interface Finding {
  ruleId: string
  severity: RuleSeverity
  message: string
}

export interface Judgement {
  blocks: Finding[]
  warnings: Finding[]
  /** Facts the rules complete (the 公示's end on the working-day calendar). */
  facts: StepFacts
}

const stageIndex = (s: Stage): number => STAGES.indexOf(s)

function stepName(no: StepNo): string {
  return `第 ${no} 步「${stepDef(no).label}」`
}

/** The probation's last day, extensions included (null before the branch meeting). */
export function probationEnd(state: Pick<FileState, 'dates' | 'facts'>, rules: Map<string, RuleDef>): string | null {
  const start = state.dates[15]
  if (!start) return null
  const extension = state.facts[21]?.extensionMonths ?? 0
  return periodEnds(start, (rules.get('probation-ended')?.value ?? 12) + extension)
}

/** Why the member's stage does not allow recording `no` (or null). */
export function stageProblem(state: FileState, no: StepNo): string | null {
  const def = stepDef(no)
  const have = stageIndex(state.stage)
  if (def.setsStage) {
    const before = stageIndex(stageReachedBy((no - 1) as StepNo))
    if (have < before) return `${state.name}目前是${STAGE_LABELS[state.stage]}，尚不能登记${stepName(no)}`
    return null
  }
  const need = stageIndex(stageReachedBy(no))
  if (have < need) return `${state.name}目前是${STAGE_LABELS[state.stage]}，尚不能登记${stepName(no)}`
  return null
}

/** Order of one date against the recorded steps before and after it: a sentence naming both dates. */
export function orderProblems(state: FileState, no: StepNo, date: string, what = `${stepName(no)}的日期`): string[] {
  const out: string[] = []
  const earlier = (list: StepNo[]): StepNo[] => list.filter((s) => s !== no && state.dates[s])
  for (const a of earlier(stepDef(no).after)) {
    const d = state.dates[a] as string
    if (date < d) out.push(`${what}（${formatDay(date)}）早于${stepName(a)}的日期（${formatDay(d)}），请核对`)
  }
  for (const b of earlier(stepsAfter(no))) {
    const d = state.dates[b] as string
    if (date > d) out.push(`${what}（${formatDay(date)}）晚于${stepName(b)}的日期（${formatDay(d)}），请核对`)
  }
  return out
}

/**
 * Every rule of step `no` applied to `input` on a file in `state`. `today` bounds decision dates; the
 * calendar counts the 公示. Returns blocks (refused) and warnings (recorded only with a reason).
 */
export function judgeStep(
  state: FileState,
  no: StepNo,
  input: StepInput,
  today: string,
  rules: Map<string, RuleDef>,
  calendar: WorkCalendar,
): Judgement {
  const findings: Finding[] = []
  const facts: StepFacts = { ...input.facts }
  const add = (ruleId: string, message: string): void => {
    const rule = rules.get(ruleId)
    findings.push({ ruleId, severity: rule?.severity ?? 'block', message })
  }
  const value = (ruleId: string): number => rules.get(ruleId)?.value ?? 0
  const d = input.date
  const dates = state.dates

  if (d > today)
    add(
      'not-future',
      `${stepName(no)}的日期（${formatDay(d)}）晚于今天（${formatDay(today)}），决定和会议的日期只能登记已经发生的`,
    )
  for (const message of orderProblems(state, no, d)) add('order', message)

  const people = (role: StepPerson['role']) => input.people.filter((p) => p.role === role)
  switch (no) {
    case 1:
      break
    case 2: {
      const applied = dates[1]
      const due = applied ? addMonths(applied, value('talk-within')) : null
      if (applied && due && d > due)
        add(
          'talk-within',
          `谈话日期（${formatDay(d)}）距递交入党申请书（${formatDay(applied)}）超过 ${value('talk-within')} 个月，应在 ${formatDay(due)} 前谈话`,
        )
      if (people('talker').length === 0) add('order', '请填写谈话人')
      break
    }
    case 5: {
      const n = people('contact').length
      if (n < 1 || n > 2) add('contacts', `培养联系人应为一至两名正式党员，现填写了 ${n} 名`)
      break
    }
    case 6: {
      const since = dates[3]
      const list = [...(facts.assessments ?? [])].sort()
      for (const a of list) {
        if (since && a < since)
          add('order', `考察日期（${formatDay(a)}）早于确定为入党积极分子的日期（${formatDay(since)}）`)
        if (a > today) add('not-future', `考察日期（${formatDay(a)}）晚于今天（${formatDay(today)}）`)
        if (a > d) add('order', `考察日期（${formatDay(a)}）晚于${stepName(6)}的日期（${formatDay(d)}）`)
      }
      if (since) {
        const months = value('assessment-interval')
        let last = since
        for (const a of [...list, d]) {
          const due = addMonths(last, months)
          if (a > due)
            add(
              'assessment-interval',
              `${formatDay(last)} 之后的考察应在 ${formatDay(due)} 前进行，下一次记录是 ${formatDay(a)}，间隔超过 ${months} 个月`,
            )
          last = a
        }
      }
      facts.assessments = list
      break
    }
    case 7: {
      const since = dates[3]
      if (!since) add('activist-year', '未登记确定为入党积极分子的日期，无法核对培养考察是否满一年，请先登记第 3 步')
      else {
        const from = addMonths(since, value('activist-year'))
        if (d < from)
          add(
            'activist-year',
            `${state.name}于 ${formatDay(since)} 确定为入党积极分子，${formatDay(from)} 起方满 ${value('activist-year')} 个月，${formatDay(d)} 尚不能确定为发展对象`,
          )
      }
      const p = facts.publicity
      if (!p) add('publicity-days', '请填写公示的开始日期')
      else {
        if (p.start < d) add('order', `公示开始日期（${formatDay(p.start)}）早于确定发展对象的日期（${formatDay(d)}）`)
        const days = value('publicity-days')
        const counted = calendar.endOfWorkingDays(p.start, days)
        for (const year of counted.unconfigured) {
          findings.push({
            ruleId: 'publicity-days',
            severity: 'warn',
            message: `${year} 年的节假日安排尚未配置，公示期只按周末计算到 ${formatDay(counted.end)}，请院党委在工作日历中补充 ${year} 年安排后核对`,
          })
        }
        facts.publicity = { ...p, end: counted.end }
        const filed = dates[8]
        if (filed && filed <= counted.end)
          add(
            'order',
            `公示到 ${formatDay(counted.end)} 结束，报上级党委备案的日期（${formatDay(filed)}）应在公示结束之后`,
          )
      }
      break
    }
    case 8: {
      const end = state.facts[7]?.publicity?.end
      if (end && d <= end) add('order', `报上级党委备案的日期（${formatDay(d)}）应在公示结束（${formatDay(end)}）之后`)
      break
    }
    case 9: {
      const n = people('introducer').length
      if (n !== 2) add('introducers', `入党介绍人应为两名正式党员，现填写了 ${n} 名`)
      break
    }
    case 11: {
      const hours = facts.trainingHours ?? 0
      const daysOk = (facts.trainingDays ?? 0) >= 3
      if (hours < value('training-hours') && !daysOk)
        add(
          'training-hours',
          `集中培训 ${hours} 学时${facts.trainingDays ? `、${facts.trainingDays} 天` : ''}，少于 ${value('training-hours')} 学时（或三天）`,
        )
      break
    }
    case 13: {
      const leaves = facts.leavesOn
      if (leaves) {
        const limit = addMonths(d, value('leaving-soon'))
        if (leaves <= limit)
          add(
            'leaving-soon',
            `${state.name}预计于 ${formatDay(leaves)} 离校，距预审（${formatDay(d)}）不足 ${value('leaving-soon')} 个月，一般不办理接收预备党员手续`,
          )
      }
      break
    }
    case 14:
      if (!dates[13]) add('preview-first', '上级党委预审尚未登记：预审合格后方可填写入党志愿书，请先登记第 13 步')
      break
    case 15: {
      if (!dates[10]) add('political-review', '政治审查尚未登记：未经政治审查不能发展入党，请先登记第 10 步')
      if (!facts.vote) add('admission-vote', '请填写支部大会的应到、实到和表决票数')
      else
        for (const p of judgeVote(ADMISSION_MEETING_RULE, facts.vote).problems)
          add('admission-vote', `支部大会：${p.message}`)
      const need = value('reports-before-admission')
      if (state.approvedReports < need)
        add(
          'reports-before-admission',
          `接收为预备党员前须有至少 ${need} 篇审阅通过的思想汇报，${state.name}目前有 ${state.approvedReports} 篇`,
        )
      break
    }
    case 17: {
      const meeting = dates[15]
      if (meeting) {
        const due = addMonths(meeting, value('approval-within'))
        const latest = addMonths(meeting, 6)
        if (d > latest)
          findings.push({
            ruleId: 'approval-within',
            severity: 'block',
            message: `审批日期（${formatDay(d)}）距支部大会（${formatDay(meeting)}）超过六个月`,
          })
        else if (d > due)
          add(
            'approval-within',
            `审批日期（${formatDay(d)}）距支部大会（${formatDay(meeting)}）超过 ${value('approval-within')} 个月，应在 ${formatDay(due)} 前审批`,
          )
      }
      break
    }
    case 21: {
      const months = facts.extensionMonths
      if (months !== undefined && (months < 6 || months > 12))
        add('extension', `预备期延长 ${months} 个月：延长时间不能少于半年，最长不超过一年`)
      const decided = facts.extensionDecidedOn
      if (months !== undefined && !decided) add('extension', '请填写支部大会决定延长预备期的日期')
      if (decided && dates[15] && decided < dates[15])
        add(
          'order',
          `延长预备期的决定日期（${formatDay(decided)}）早于接收为预备党员的支部大会（${formatDay(dates[15])}）`,
        )
      if (decided && decided > today)
        add('not-future', `延长预备期的决定日期（${formatDay(decided)}）晚于今天（${formatDay(today)}）`)
      break
    }
    case 22: {
      const ends = probationEnd(state, rules)
      if (ends) {
        const from = addDays(ends, -value('application-lead'))
        if (d < from)
          add(
            'application-lead',
            `转正申请（${formatDay(d)}）早于预备期满（${formatDay(ends)}）前约 ${value('application-lead')} 天，请核对`,
          )
      }
      break
    }
    case 23: {
      const ends = probationEnd(state, rules)
      if (!ends) add('probation-ended', '未登记接收为预备党员的支部大会日期，无法核对预备期是否期满')
      else if (d <= ends)
        add(
          'probation-ended',
          `预备期至 ${formatDay(ends)} 期满，讨论转正的支部大会（${formatDay(d)}）不能在期满之前召开`,
        )
      if (!facts.vote) add('confirmation-vote', '请填写支部大会的应到、实到和表决票数')
      else
        for (const p of judgeVote(CONFIRMATION_MEETING_RULE, facts.vote).problems)
          add('confirmation-vote', `支部大会：${p.message}`)
      break
    }
    default:
      break
  }
  return {
    blocks: findings.filter((f) => f.severity === 'block'),
    warnings: findings.filter((f) => f.severity === 'warn'),
    facts,
  }
}

/** A material's date lies between the previous recorded step and its own step (both named when not). */
export function materialDateProblem(
  state: FileState,
  no: StepNo,
  label: string,
  date: string,
  today: string,
): string | null {
  if (date > today) return `「${label}」的日期（${formatDay(date)}）晚于今天（${formatDay(today)}）`
  const own = state.dates[no]
  if (own && date > own && no !== 6 && no !== 21)
    return `「${label}」的日期（${formatDay(date)}）晚于${stepName(no)}的日期（${formatDay(own)}），材料应在该步骤完成时或之前形成`
  const prior = STEPS.filter((s) => s.no < no && state.dates[s.no] && stepDef(no).after.includes(s.no))
  for (const s of prior) {
    const d = state.dates[s.no] as string
    if (date < d)
      return `「${label}」的日期（${formatDay(date)}）早于${stepName(s.no)}的日期（${formatDay(d)}），请核对`
  }
  return null
}
