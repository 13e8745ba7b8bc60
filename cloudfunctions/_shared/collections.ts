import type { DashboardRowDoc, DashboardSnapshotDoc } from '../branch/src/context'
import type { StageEventDoc } from '../branch/src/model'
import type { DevStepDoc, WorkCalendarDoc } from '../development/src/file'
import type {
  DuesExemptionDoc,
  DuesIncomeDoc,
  DuesOrderDoc,
  DuesPaymentDoc,
  DuesProxyDoc,
  DuesReconciliationDoc,
  DuesUseDoc,
  DuesWarningDoc,
} from '../dues/src/model'
import type { AttendanceDoc, LeaveDoc, MeetingDoc, ReminderDoc } from '../meeting/src/model'
import type { AwayDoc, ContactDoc, TalkDoc, TrainingSessionDoc, TransferDoc } from '../member-care/src/model'
import type { AttemptDoc, MistakeBookDoc, MistakeDoc, QuestionDoc, QuizDoc, QuizProfileDoc } from '../quiz/src/model'
import type { ReportDoc } from '../report/src/model'
import type { PhrasesDoc } from '../report/src/phrases'
import type { ArticleDoc, ClockInDoc, ColumnDoc, CommentDoc, MarkDoc } from '../study/src/model'
import type { TitleStatsDoc } from '../study/src/title-grams'
import type { TallyDoc, VoterDoc } from '../voices/src/ballot-box'
import type { AppraisalDoc, HonourDoc, SelfAppraisalDoc, SurveyDoc, VoteDoc } from '../voices/src/model'
import type { AuditDoc, BindingDoc, BranchDoc, CollegeDoc, MemberDoc, RateLimitDoc } from './models'
import type { PointsLedgerDoc, PointsTotalsDoc } from './points'
import type { UploadUsageDoc } from './upload-quota'

/**
 * Every collection of `collections.json` and the documents it holds: `_shared/db` reads and writes by
 * collection name and answers the right document type (`findMany('reports', …)` is `ReportDoc[]`).
 * `COLLECTION_NAMES` keeps this list and collections.json equal (test/unit/collections.test.ts).
 */
export interface Collections {
  colleges: CollegeDoc
  branches: BranchDoc
  members: MemberDoc
  stageEvents: StageEventDoc
  bindings: BindingDoc
  audit: AuditDoc
  rateLimits: RateLimitDoc
  uploadUsage: UploadUsageDoc
  pointsLedger: PointsLedgerDoc
  pointsTotals: PointsTotalsDoc
  questions: QuestionDoc
  quizzes: QuizDoc
  quizAttempts: AttemptDoc
  quizMistakes: MistakeDoc
  quizMistakeBooks: MistakeBookDoc
  quizProfiles: QuizProfileDoc
  reports: ReportDoc
  reviewPhrases: PhrasesDoc
  dashboardSnapshots: DashboardSnapshotDoc
  dashboardRows: DashboardRowDoc
  meetings: MeetingDoc
  attendance: AttendanceDoc
  meetingReminders: ReminderDoc
  meetingLeaves: LeaveDoc
  studyColumns: ColumnDoc
  articles: ArticleDoc
  studyTitleStats: TitleStatsDoc
  studyMarks: MarkDoc
  studyComments: CommentDoc
  checkIns: ClockInDoc
  duesPayments: DuesPaymentDoc
  duesOrders: DuesOrderDoc
  duesExemptions: DuesExemptionDoc
  duesUses: DuesUseDoc
  duesReconciliations: DuesReconciliationDoc
  duesWarnings: DuesWarningDoc
  duesIncomes: DuesIncomeDoc
  duesProxies: DuesProxyDoc
  duesJobs: { _id: string; at: Date }
  appraisals: AppraisalDoc
  selfAppraisals: SelfAppraisalDoc
  ballotTallies: TallyDoc
  ballotVoters: VoterDoc
  votes: VoteDoc
  surveys: SurveyDoc
  honours: HonourDoc
  devSteps: DevStepDoc
  workCalendars: WorkCalendarDoc
  careAway: AwayDoc
  careContacts: ContactDoc
  careTransfers: TransferDoc
  careCounters: { _id: string; next: number }
  careTalks: TalkDoc
  trainingSessions: TrainingSessionDoc
}

export type CollectionName = keyof Collections

export const COLLECTION_NAMES = Object.keys({
  colleges: 1,
  branches: 1,
  members: 1,
  stageEvents: 1,
  bindings: 1,
  audit: 1,
  rateLimits: 1,
  uploadUsage: 1,
  pointsLedger: 1,
  pointsTotals: 1,
  questions: 1,
  quizzes: 1,
  quizAttempts: 1,
  quizMistakes: 1,
  quizMistakeBooks: 1,
  quizProfiles: 1,
  reports: 1,
  reviewPhrases: 1,
  dashboardSnapshots: 1,
  dashboardRows: 1,
  meetings: 1,
  attendance: 1,
  meetingReminders: 1,
  meetingLeaves: 1,
  studyColumns: 1,
  articles: 1,
  studyTitleStats: 1,
  studyMarks: 1,
  studyComments: 1,
  checkIns: 1,
  duesPayments: 1,
  duesOrders: 1,
  duesExemptions: 1,
  duesUses: 1,
  duesReconciliations: 1,
  duesWarnings: 1,
  duesIncomes: 1,
  duesProxies: 1,
  duesJobs: 1,
  appraisals: 1,
  selfAppraisals: 1,
  ballotTallies: 1,
  ballotVoters: 1,
  votes: 1,
  surveys: 1,
  honours: 1,
  devSteps: 1,
  workCalendars: 1,
  careAway: 1,
  careContacts: 1,
  careTransfers: 1,
  careCounters: 1,
  careTalks: 1,
  trainingSessions: 1,
} satisfies Record<CollectionName, 1>) as CollectionName[]
