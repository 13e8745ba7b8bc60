import { defineFunction } from '../../_shared/handler'
import { archive } from './archive'
import { auditLog } from './audit-log'
import { branchSchemas } from './contract'
import { dashboard } from './dashboard'
import { exportSheet } from './exports'
import { importRoster } from './importer'
import { branches, member, members, saveBranch } from './roster'
import { reminders, selfCheck } from './selfcheck'
import { correctStage, moveStage, timeline } from './stages'

/** The branch workspace (issue #7): roster, development stages, reminders, dashboard, exports, archive, audit. */
export const main = defineFunction('branch', branchSchemas, {
  branches,
  saveBranch,
  importRoster,
  members,
  member,
  moveStage,
  correctStage,
  timeline,
  selfCheck,
  reminders,
  dashboard,
  export: exportSheet,
  archive,
  auditLog,
})
