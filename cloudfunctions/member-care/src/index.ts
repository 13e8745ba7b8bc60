import { defineFunction } from '../../_shared/handler'
import { awayList, endAway, recordContact, registerAway, remind, reportIn } from './away'
import { memberCareSchemas } from './contract'
import { home } from './home'
import { hours, myHours, recordTraining } from './hours'
import { recordTalk, talks } from './talks'
import { applyTransfer, issueLetter, letter, reviewTransfer, transfers, uploadReceipt, withdrawTransfer } from './transfer'

/**
 * Members away and moving on (issue #19): 流动党员 registration and contact, 组织关系转接 with the
 * numbered 介绍信 and its 回执, 谈心谈话 records and duties, 培训学时 from verified sources.
 */
const handle = defineFunction('member-care', memberCareSchemas, {
  home,
  registerAway,
  reportIn,
  recordContact,
  endAway,
  awayList,
  remind,
  applyTransfer,
  withdrawTransfer,
  reviewTransfer,
  issueLetter,
  letter,
  uploadReceipt,
  transfers,
  recordTalk,
  talks,
  myHours,
  hours,
  recordTraining,
})

/** The timer trigger (config.json `careTimer`, daily) calls with `{ Type: 'Timer' }` and no action. */
function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer' && !('action' in event)
}

export async function main(event: unknown): ReturnType<typeof handle> {
  return handle(isTimerEvent(event) ? { action: 'remind' } : event)
}
