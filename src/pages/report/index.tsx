import { sessionPage } from '../../components/SessionPage'
import { StudentReports } from '../../components/StudentReports'
import { lazyPart } from '../../components/LazyPart'
import '../../styles/report.scss'

// Only secretaries and the committee review: on weapp the queue lives in the review subpackage (issue #21).
const ReviewQueue = lazyPart(() =>
  import(/* webpackChunkName: "packages/review/lazy/review-queue" */ './ReviewQueue').then((m) => m.ReviewQueue),
)

/** 汇报: a student writes and follows their reports; a secretary or the committee reviews them. */
export default sessionPage('page-report', ({ profile }) =>
  profile.primaryRole === 'student' ? <StudentReports profile={profile} /> : <ReviewQueue profile={profile} />,
)
