import { sessionPage } from '../../components/SessionPage'
import { ReviewQueue } from './ReviewQueue'
import { StudentReports } from '../../components/StudentReports'
import '../../styles/report.scss'

/** 汇报: a student writes and follows their reports; a secretary or the committee reviews them. */
export default sessionPage('page-report', ({ profile }) =>
  profile.primaryRole === 'student' ? <StudentReports profile={profile} /> : <ReviewQueue profile={profile} />,
)
