/**
 * The one door from the app to the functions' shared, dependency-free code: domain vocabulary
 * (values) and the result envelope (types). Everything else in src/ imports from here.
 */
export {
  STAGES,
  STAGE_LABELS,
  STEP_LABELS,
  STAGE_STEP,
  ROLE_LABELS,
  primaryRole,
  DEFAULT_COLLEGE_SETTINGS,
  MEETING_TYPES,
  MEETING_TYPE_LABELS,
  MEETING_AUDIENCES,
  MEETING_AUDIENCE_LABELS,
  BRANCH_POSTS,
  QUIZ_QUESTION_TYPES,
  QUIZ_QUESTION_TYPE_LABELS,
  QUIZ_DIFFICULTY_LABELS,
  OPTION_LETTERS,
} from '../../cloudfunctions/_shared/domain'
export type {
  MeetingAudience,
  Stage,
  StageDates,
  Role,
  CollegeSettings,
  MeetingType,
  QuizSettings,
} from '../../cloudfunctions/_shared/domain'
export {
  buildCalendar,
  CALENDAR_STATE_LABELS,
  daysBetween,
  owedPeriods,
  parsePeriod,
  PERIOD_KIND_LABELS,
  periodOf,
  REPORT_LIMITS,
  reportSubmitProblem,
  shiftPeriod,
  toDay,
  writablePeriods,
} from '../../cloudfunctions/_shared/periods'
export type {
  CalendarEntry,
  CalendarState,
  Period,
  PeriodKind,
  ReportCalendar,
  ReportStatus,
} from '../../cloudfunctions/_shared/periods'
export { ERROR_CODES, ERROR_REASONS } from '../../cloudfunctions/_shared/envelope'
export type { ErrorCode, ErrorReason, OkResult, ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
export {
  ELECTORATES,
  ELECTORATE_LABELS,
  FOLLOW_UPS,
  FOLLOW_UP_LABELS,
  GRADES,
  GRADE_LABELS,
  HONOUR_TITLES,
  MOTION_CHOICES,
  MOTION_CHOICE_LABELS,
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  RATING_MAX,
  VOTE_KINDS,
  VOTE_KIND_LABELS,
} from '../../cloudfunctions/_shared/voices'
export type {
  Electorate,
  FollowUp,
  Grade,
  MotionChoice,
  QuestionType,
  VoteKind,
} from '../../cloudfunctions/_shared/voices'
export {
  TRAINING_KINDS,
  TRAINING_KIND_LABELS,
  TRANSFER_REASONS,
  TRANSFER_REASON_LABELS,
} from '../../cloudfunctions/_shared/care'
export type { TrainingKind, TransferReason } from '../../cloudfunctions/_shared/care'
