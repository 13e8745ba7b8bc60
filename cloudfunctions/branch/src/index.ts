import { defineFunction } from '../../_shared/handler'
import { archive } from './archive'
import { auditLog } from './audit-log'
import { bindCodeSheet, issueBindCode, unbind } from './binding'
import { branchSchemas, type BranchContract } from './contract'
import { dashboard, dashboardBranches, refreshDashboards } from './dashboard-snapshot'
import { exportSheet } from './exports'
import { importRoster } from './importer'
import { setPost } from './posts'
import { branches, member, members, saveBranch } from './roster'
import { reminders, selfCheck } from './selfcheck'

/** The branch workspace (issue #7): roster, development (read from the development file's steps), reminders, dashboard, exports, archive, audit. */
// Timer job: the dashboardSnapshot trigger (every 10 minutes) refreshes every college's dashboard snapshot.
export const main = defineFunction<BranchContract>(
  'branch',
  branchSchemas,
  {
    branches,
    saveBranch,
    importRoster,
    members,
    member,
    selfCheck,
    reminders,
    dashboard,
    dashboardBranches,
    export: exportSheet,
    archive,
    auditLog,
    issueBindCode,
    bindCodeSheet,
    unbind,
    setPost,
  },
  { refreshDashboards },
)
