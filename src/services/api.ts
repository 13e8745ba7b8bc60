/**
 * The registry of callable cloud functions: each entry is that function's own contract type
 * (`{ [action]: { req; res } }`), imported as a type only so no server code reaches the bundle.
 * A feature adds its function here, e.g. `report: ReportContract`.
 */
import type { BranchContract } from '../../cloudfunctions/branch/src/contract'
import type { DevelopmentContract } from '../../cloudfunctions/development/src/contract'
import type { DuesContract } from '../../cloudfunctions/dues/src/contract'
import type { MeetingContract } from '../../cloudfunctions/meeting/src/contract'
import type { MemberCareContract } from '../../cloudfunctions/member-care/src/contract'
import type { ReportContract } from '../../cloudfunctions/report/src/contract'
import type { QuizContract } from '../../cloudfunctions/quiz/src/contract'
import type { StudyContract } from '../../cloudfunctions/study/src/contract'
import type { UserContract } from '../../cloudfunctions/user/src/contract'
import type { VoicesContract } from '../../cloudfunctions/voices/src/contract'

export interface Api {
  user: UserContract
  meeting: MeetingContract
  report: ReportContract
  quiz: QuizContract
  study: StudyContract
  branch: BranchContract
  dues: DuesContract
  voices: VoicesContract
  development: DevelopmentContract
  'member-care': MemberCareContract
}

/**
 * The one import route for contract types, namespaced per function so a name never means two things
 * (study's GetResult is not report's): `import type { Study } from '../services/api'`, then `Study.ArticleCard`.
 */
export type * as Branch from '../../cloudfunctions/branch/src/contract'
export type * as Dues from '../../cloudfunctions/dues/src/contract'
export type * as Meeting from '../../cloudfunctions/meeting/src/contract'
export type * as Quiz from '../../cloudfunctions/quiz/src/contract'
export type * as Report from '../../cloudfunctions/report/src/contract'
export type * as Study from '../../cloudfunctions/study/src/contract'
export type * as User from '../../cloudfunctions/user/src/contract'

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string

type Entry<F extends FunctionName, A extends ActionName<F>> = Api[F][A]
export type Req<F extends FunctionName, A extends ActionName<F>> = Entry<F, A> extends { req: infer R } ? R : never
export type Res<F extends FunctionName, A extends ActionName<F>> = Entry<F, A> extends { res: infer R } ? R : never

export type { Profile, MeResult } from '../../cloudfunctions/user/src/contract'
export type {
  BranchDues,
  BranchRow,
  DuesHome,
  MonthRow,
  PayParams,
  PayStart,
  Statement,
} from '../../cloudfunctions/dues/src/contract'
export type {
  AttendanceCounts,
  AttendanceRow,
  AttendanceStatus,
  CheckInCodeResult,
  CodeSlot,
  ComplianceResult,
  HistoryItem,
  LeaveStatus,
  ListResult,
  ManagerMeetingCard,
  MeetingDetail,
  MeetingPhase,
  MeetingSummary,
  MemberCodeResult,
  RosterMember,
  StudentMeetingCard,
} from '../../cloudfunctions/meeting/src/contract'
export type {
  ContentView,
  FileView,
  GetResult,
  ListMineResult,
  MemberBrief,
  OverdueMember,
  OverdueResult,
  QueueItem,
  QueueResult,
  QueueStatus,
  ReportDetail,
  ReportSummary,
  ReviewDecision,
  ReviewView,
  ScheduleResult,
  SubscribeTemplates,
  TimelineEvent,
  TimelineKind,
  VersionView,
} from '../../cloudfunctions/report/src/contract'
export type {
  AnswerResult,
  AnswersHeld,
  AttemptKind,
  AttemptResult,
  AttemptView,
  BankQuestion,
  DailyHome,
  ImportPreviewRow,
  ImportResult,
  ImportRowError,
  ManageHome,
  MistakeItem,
  MistakesPage,
  OpenAttempt,
  PublicOption,
  PublicQuestion,
  QuestionType,
  QuizCard,
  QuizMode,
  QuizState,
  QuizStats,
  Ranking,
  RankRow,
  RetryResult,
  ReviewItem,
} from '../../cloudfunctions/quiz/src/contract'
export type {
  AppraisalView,
  HonourCard,
  HonoursResult,
  VoicesManage,
  NominationCard,
  QuestionResult,
  SurveyView,
  VoicesHome,
  VoteCard,
  VoteView,
  SurveyCard,
} from '../../cloudfunctions/voices/src/contract'
