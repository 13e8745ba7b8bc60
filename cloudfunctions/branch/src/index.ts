import { defineFunction } from '../../_shared/handler'
import { archive } from './archive'
import { auditLog } from './audit-log'
import { bindCodeSheet, issueBindCode, unbind } from './binding'
import { branchSchemas } from './contract'
import { dashboard, refreshDashboards } from './dashboard'
import { exportSheet } from './exports'
import { importRoster } from './importer'
import { branches, member, members, saveBranch } from './roster'
import { reminders, selfCheck } from './selfcheck'
import { correctStage, moveStage, timeline } from './stages'

/** The branch workspace (issue #7): roster, development stages, reminders, dashboard, exports, archive, audit. */
const handle = defineFunction('branch', branchSchemas, {
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
  refreshDashboards,
  export: exportSheet,
  archive,
  auditLog,
  issueBindCode,
  bindCodeSheet,
  unbind,
})

/** A timer trigger calls with `{ Type: 'Timer', TriggerName }` and no action: the only job is the dashboard snapshot. */
function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event)
}

export async function main(event: unknown): ReturnType<typeof handle> {
  return handle(isTimerEvent(event) ? { action: 'refreshDashboards' } : event)
}
