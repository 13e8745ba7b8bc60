import { Page } from '../../components/Page'
import { SessionGate } from '../../components/SessionGate'
import { ReviewQueue } from './ReviewQueue'
import { StudentReports } from '../../components/StudentReports'
import '../../styles/report.scss'

/** 汇报: a student writes and follows their reports; a secretary or the committee reviews them. */
export default function ReportPage() {
  return (
    <Page testId='page-report'>
      <SessionGate>
        {({ profile }) =>
          profile.primaryRole === 'student' ? <StudentReports profile={profile} /> : <ReviewQueue profile={profile} />
        }
      </SessionGate>
    </Page>
  )
}
