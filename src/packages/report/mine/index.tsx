import { sessionPage } from '../../../components/SessionPage'
import { StudentReports } from '../../../components/StudentReports'
import '../../../styles/report.scss'

/** A secretary's own reports (a secretary is also a Party member with their own records). */
export default sessionPage('page-report-mine', StudentReports)
