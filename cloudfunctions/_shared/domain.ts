/**
 * Domain vocabulary shared by functions and the app (pure constants, no dependencies,
 * so the client may import values from here).
 */

/**
 * A vocabulary is declared once, as its labels (`{ key: '中文' }`); its keys, in declaration order, are
 * derived from them as the tuple `z.enum` takes, so a key cannot be listed without its label. Call it as
 * `/* @__PURE__ *\/ keysOf(LABELS)`: the weapp bundler then drops the keys of a vocabulary the app never reads.
 */
export function keysOf<K extends string>(labels: Record<K, string>): readonly [K, ...K[]] {
  // Object.keys keeps the declaration order for string keys that are not array indices.
  return Object.keys(labels) as [K, ...K[]]
}

/** Development stages in order; `masses` (群众) is a student who has not applied. */
export const STAGE_LABELS = {
  masses: '群众',
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
}
export const STAGES = /* @__PURE__ */ keysOf(STAGE_LABELS)
export type Stage = (typeof STAGES)[number]

/** Each step of the development process as the member's record words it (timeline, stage rules, the app). */
export const STEP_LABELS: Record<Exclude<Stage, 'masses'>, string> = {
  applicant: '递交入党申请书',
  activist: '确定为入党积极分子',
  candidate: '列为发展对象',
  probationary: '接收为预备党员',
  full: '转为正式党员',
}

/** The step of the development file's 25 (development/src/steps.ts) whose date starts each stage. */
export const STAGE_STEP = { applicant: 1, activist: 3, candidate: 7, probationary: 15, full: 23 } as const

/** The date a member entered each stage (ISO date, YYYY-MM-DD). */
export type StageDates = Partial<Record<Exclude<Stage, 'masses'>, string>>

export const ROLE_LABELS = {
  student: '学生党员/积极分子',
  secretary: '支部书记',
  committee: '院党委',
}
export const ROLES = /* @__PURE__ */ keysOf(ROLE_LABELS)
export type Role = (typeof ROLES)[number]

/** The role that decides what a person sees first: committee > secretary > student. */
export function primaryRole(roles: readonly Role[]): Role {
  if (roles.includes('committee')) return 'committee'
  if (roles.includes('secretary')) return 'secretary'
  return 'student'
}

/** Posts of a branch committee member (支委) besides the secretary; stored on the member as `branchPost`. */
export const BRANCH_POSTS = ['副书记', '组织委员', '宣传委员', '纪检委员', '青年委员'] as const
export type BranchPost = (typeof BRANCH_POSTS)[number]

/** Kinds of organisational life (domain.md: 三会一课, 主题党日 and more). */
export const MEETING_TYPE_LABELS = {
  general: '支部党员大会',
  committee: '支委会',
  group: '党小组会',
  lecture: '党课',
  training: '专题培训',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  other: '其他',
}
export const MEETING_TYPES = /* @__PURE__ */ keysOf(MEETING_TYPE_LABELS)
export type MeetingType = (typeof MEETING_TYPES)[number]

/** Kinds of question in the quiz bank (题库) and the 错题本 (not a survey's questions: `_shared/voices`). */
export const QUIZ_QUESTION_TYPE_LABELS = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
}
export const QUIZ_QUESTION_TYPES = /* @__PURE__ */ keysOf(QUIZ_QUESTION_TYPE_LABELS)
export const QUIZ_DIFFICULTY_LABELS: Record<1 | 2 | 3, string> = { 1: '易', 2: '中', 3: '难' }
/** A question's options are lettered A to F (at most six). */
export const OPTION_LETTERS = 'ABCDEF'

/** Who is asked to a meeting: the whole branch, its Party members, its committee, or people chosen by name. */
export const MEETING_AUDIENCE_LABELS = {
  branch: '全支部成员',
  party: '全体党员',
  committee: '支委成员',
  chosen: '指定人员',
}
export const MEETING_AUDIENCES = /* @__PURE__ */ keysOf(MEETING_AUDIENCE_LABELS)
export type MeetingAudience = (typeof MEETING_AUDIENCES)[number]

/** A calendar period for meeting rules; semesters are 春季 (Feb–Jul) and 秋季 (Aug–Jan). */
export type MeetingPeriod = 'month' | 'quarter' | 'semester' | 'year'

/** At least `min` meetings of a kind in every `period` (local practice: a college setting). */
export interface MeetingRule {
  period: MeetingPeriod
  min: number
}

export type MeetingRules = Partial<Record<Exclude<MeetingType, 'other'>, MeetingRule>>

/** What study points are awarded for; each kind has its own daily cap. */
export const POINT_KIND_LABELS = {
  read: '阅读文章',
  video: '观看视频',
  checkIn: '每日打卡',
  dailyQuiz: '每日答题',
  quiz: '支部测验',
  challenge: '挑战答题',
}
export const POINT_KINDS = /* @__PURE__ */ keysOf(POINT_KIND_LABELS)
export type PointKind = (typeof POINT_KINDS)[number]

export interface PointRules {
  /** Most points a member can earn per kind per China-time day. */
  dailyCapByKind: Record<PointKind, number>
  /** Most points a member can earn per day in all (学习强国 style). */
  dailyCap: number
}

export const DEFAULT_POINT_RULES: PointRules = {
  dailyCapByKind: { read: 12, video: 6, checkIn: 5, dailyQuiz: 5, quiz: 10, challenge: 6 },
  dailyCap: 40,
}

/** Study columns (local practice): how long a reading must last to earn points, and what it earns. */
export interface StudySettings {
  /** The shortest reading that earns points, in seconds (a short notice). */
  readMinSeconds: number
  /** The longest reading ever required, in seconds (a long article). */
  readMaxSeconds: number
  /** Reading speed that scales the required time with the article's length (characters per second). */
  readCharsPerSecond: number
  /** Points for one article read long enough (once per article per day). */
  readPoints: number
  /** Points for one video article watched long enough. */
  videoPoints: number
  /** Check-in points on the first day of a streak; each further consecutive day adds one, up to the max. */
  checkInBasePoints: number
  checkInMaxPoints: number
}

export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  readMinSeconds: 30,
  readMaxSeconds: 120,
  readCharsPerSecond: 15,
  readPoints: 2,
  videoPoints: 3,
  checkInBasePoints: 1,
  checkInMaxPoints: 5,
}

/** Quizzes (local practice): daily quiz size and time, challenge time, and the anti-bot reading speed. */
export interface QuizSettings {
  /** Questions in the daily quiz. */
  dailyCount: number
  /** Time allowed per daily-quiz question, in seconds (the whole quiz gets count × this). */
  dailySecondsPerQuestion: number
  /** Time allowed per challenge question, in seconds (学习强国: 45). */
  challengeSeconds: number
  /** Answering faster than this on average (seconds per question) is flagged and earns no points. */
  minSecondsPerQuestion: number
}

export const DEFAULT_QUIZ_SETTINGS: QuizSettings = {
  dailyCount: 5,
  dailySecondsPerQuestion: 60,
  challengeSeconds: 45,
  minSecondsPerQuestion: 1.5,
}

/**
 * The development process (domain.md): how long each step lasts at least, and when reminders fall
 * due. Local practice, so settings; a stage move that breaks one needs an override with a reason.
 */
export interface DevelopmentSettings {
  /** Months as an activist before becoming a development target (domain.md: at least one year). */
  activistMonths: number
  /** Months between the assessments of an activist (domain.md: every six months). */
  assessmentMonths: number
  /** Length of the probationary period in months (one year). */
  probationMonths: number
  /** Days before the probation ends that the 转正申请 is due (about one month). */
  conversionLeadDays: number
  /** A probation may be extended by this many months (6 to 12) ... */
  extensionMinMonths: number
  extensionMaxMonths: number
  /** ... and this many times (once). */
  maxExtensions: number
  /** Approved thought reports a development target needs before admission (at least 4). */
  reportsBeforeAdmission: number
  /** How many days ahead the secretary's reminders look. */
  reminderDays: number
  /**
   * The development file's rules (development/src/rules.ts, each with its source): per rule id, a hard block
   * or a warning, and its number where it has one (e.g. 公示 working days). Absent = the national default.
   */
  rules: Partial<Record<string, DevelopmentRuleSetting>>
  /** Materials the college adds to a step's national checklist. */
  extraMaterials: ExtraMaterial[]
}

export type RuleSeverity = 'block' | 'warn'

export interface DevelopmentRuleSetting {
  severity?: RuleSeverity
  value?: number
}

export interface ExtraMaterial {
  /** The step (1–25) that needs it. */
  step: number
  id: string
  label: string
}

export const DEFAULT_DEVELOPMENT_SETTINGS: DevelopmentSettings = {
  activistMonths: 12,
  assessmentMonths: 6,
  probationMonths: 12,
  conversionLeadDays: 30,
  extensionMinMonths: 6,
  extensionMaxMonths: 12,
  maxExtensions: 1,
  reportsBeforeAdmission: 4,
  reminderDays: 30,
  rules: {},
  extraMaterials: [],
}

/** One dues band: members whose monthly income is at most `upToFen` pay `permille` ‰ of it. */
export interface DuesBand {
  /** Upper bound of monthly income in fen; null = no upper bound (the top band). */
  upToFen: number | null
  permille: number
}

/** Dues (党费, domain.md; the 2008 rules). Amounts are integers in fen. */
export interface DuesSettings {
  /** Students and others without income (第六条): 0.2 元 a month. */
  studentMonthlyFen: number
  /** Rates by monthly income for members with income (0.5 / 1 / 1.5 / 2 %). */
  bands: DuesBand[]
  /** The first month the college collects dues in the app ('YYYY-MM'; empty = from each member's admission); earlier months were settled offline. */
  sinceMonth: string
  /** At most this many months in one payment (arrears at most 6 months at once). */
  maxMonthsPerPayment: number
  /** Months behind at which the member and the secretary are warned (six unpaid months count as leaving). */
  warnAtMonths: number[]
  /** An unpaid WeChat Pay order is closed after this many minutes. */
  orderTimeoutMinutes: number
  /** Branches that agreed to quarterly payment: their members may pay to the end of the current quarter. */
  quarterlyBranchIds: string[]
  /** The college's WeChat Pay merchant (特约商户号) bound in 云开发 → 微信支付; empty = payment not set up. */
  subMchId: string
}

export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  studentMonthlyFen: 20,
  bands: [
    { upToFen: 300000, permille: 5 },
    { upToFen: 500000, permille: 10 },
    { upToFen: 1000000, permille: 15 },
    { upToFen: null, permille: 20 },
  ],
  sinceMonth: '',
  maxMonthsPerPayment: 6,
  warnAtMonths: [3, 5],
  orderTimeoutMinutes: 30,
  quarterlyBranchIds: [],
  subMchId: '',
}

/** 民主评议党员 (local practice): how many members the branch may grade 优秀. */
export interface AppraisalSettings {
  /** 优秀 at most this share of the members appraised (num/den, e.g. one third). */
  excellentMaxShare: { num: number; den: number }
  /** Days the peer appraisal stays open by default when a branch starts it. */
  defaultDays: number
}

export const DEFAULT_APPRAISAL_SETTINGS: AppraisalSettings = {
  excellentMaxShare: { num: 1, den: 3 },
  defaultDays: 14,
}

/**
 * Members away and moving on, talks and training (domain.md; local practice). Months count by calendar
 * month in China time.
 */
export interface CareSettings {
  /** A member away must be in contact at least this often (quarterly: 3 months). */
  contactIntervalMonths: number
  /** Away this long or longer: the secretary is prompted to consider a 流动党员活动证 or a transfer. */
  awayPromptMonths: number
  /** A graduate without a new unit may keep their relation at the college this long (months). */
  graduateKeepMonths: number
  /** Days a 介绍信 stays valid after it is issued. */
  letterValidDays: number
  /** Training hours a year: ordinary members, and secretaries and branch committee members. */
  hoursTargetMember: number
  hoursTargetCadre: number
  /** The most hours one 党课 or training meeting attended counts for (a meeting left open all day is not 12 hours). */
  meetingHoursCap: number
  /** The yearly 谈心谈话 duties this college holds its branches to. */
  talkDuties: TalkDuty[]
}

/** 书记与每名支委、支委与每名党员、党员之间: each a duty of the year. */
export const TALK_DUTY_LABELS = {
  secretaryWithCommittee: '书记与支委谈心',
  committeeWithMembers: '支委与党员谈心',
  membersWithEachOther: '党员之间谈心',
}
export const TALK_DUTIES = /* @__PURE__ */ keysOf(TALK_DUTY_LABELS)
export type TalkDuty = (typeof TALK_DUTIES)[number]

export const DEFAULT_CARE_SETTINGS: CareSettings = {
  contactIntervalMonths: 3,
  awayPromptMonths: 6,
  graduateKeepMonths: 24,
  letterValidDays: 90,
  hoursTargetMember: 32,
  hoursTargetCadre: 56,
  meetingHoursCap: 4,
  talkDuties: [...TALK_DUTIES],
}

/** College settings (local practice, domain.md): defaults below, overridable per college. */
export interface CollegeSettings {
  /** Length of a thought-report period. */
  reportPeriod: 'month' | 'quarter' | 'half-year'
  /** Stages that owe thought reports. */
  reportStages: Stage[]
  /** Days before a report is due that the due reminder (a subscribe message) goes out. */
  reportRemindDays: number
  /** How often each kind of organisational life must be held (三会一课 and more). */
  meetingRules: MeetingRules
  /** Minutes before a meeting starts that the reminder (a subscribe message) goes out to those who asked. */
  meetingRemindMinutes: number
  /** Study points: daily caps per kind and overall (学习强国 style). */
  pointRules: PointRules
  /** Reading time, points per action and check-in rewards of the study columns. */
  study: StudySettings
  /** Daily quiz, challenge and anti-bot settings of the quizzes. */
  quiz: QuizSettings
  /** Minimum durations of the development stages and the reminders about them. */
  development: DevelopmentSettings
  /** Days a binding code (绑定码) stays valid after the secretary or the committee issues it. */
  bindCodeDays: number
  /** Storage each member may fill with uploads (photos, videos, spreadsheets), in MB. */
  uploadQuotaMb: number
  /** Dues rates, arrears limits, warnings and the payment merchant. */
  dues: DuesSettings
  /** 民主评议党员: the 优秀 quota and the default window. */
  appraisal: AppraisalSettings
  /** Members away, transfers, talks and training hours. */
  care: CareSettings
}

export const DEFAULT_COLLEGE_SETTINGS: CollegeSettings = {
  reportPeriod: 'quarter',
  reportStages: ['activist', 'candidate', 'probationary'],
  reportRemindDays: 7,
  meetingRules: {
    general: { period: 'quarter', min: 1 },
    committee: { period: 'month', min: 1 },
    group: { period: 'month', min: 1 },
    lecture: { period: 'semester', min: 2 },
    themeDay: { period: 'month', min: 1 },
    lifeMeeting: { period: 'year', min: 1 },
  },
  meetingRemindMinutes: 60,
  pointRules: DEFAULT_POINT_RULES,
  study: DEFAULT_STUDY_SETTINGS,
  quiz: DEFAULT_QUIZ_SETTINGS,
  development: DEFAULT_DEVELOPMENT_SETTINGS,
  bindCodeDays: 14,
  uploadQuotaMb: 500,
  dues: DEFAULT_DUES_SETTINGS,
  appraisal: DEFAULT_APPRAISAL_SETTINGS,
  care: DEFAULT_CARE_SETTINGS,
}
