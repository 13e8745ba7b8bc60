import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { StudentReports } from '../../../components/StudentReports'
import '../../../styles/report.scss'

/** A secretary's own reports (a secretary is also a Party member with their own records). */
export default function MyReportsPage() {
  return (
    <Page testId='page-report-mine'>
      <SessionGate>{({ profile }) => <StudentReports profile={profile} />}</SessionGate>
    </Page>
  )
}
