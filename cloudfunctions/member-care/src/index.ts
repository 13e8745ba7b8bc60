import { defineFunction } from '../../_shared/handler'
import { awayList, endAway, recordContact, registerAway, remind, reportIn } from './away'
import { memberCareSchemas, type MemberCareContract } from './contract'
import { home } from './home'
import { hours, myHours, recordTraining } from './hours'
import { recordTalk, talks } from './talks'
import {
  applyTransfer,
  issueLetter,
  letter,
  reviewTransfer,
  transfers,
  uploadReceipt,
  withdrawTransfer,
} from './transfer'

/**
 * Members away and moving on (issue #19): 流动党员 registration and contact, 组织关系转接 with the
 * numbered 介绍信 and its 回执, 谈心谈话 records and duties, 培训学时 from verified sources.
 */
// The careTimer trigger (config.json, daily) runs `remind`: reminders to members away whose contact is overdue.
export const main = defineFunction<MemberCareContract>(
  'member-care',
  memberCareSchemas,
  {
    home,
    registerAway,
    reportIn,
    recordContact,
    endAway,
    awayList,
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
  },
  { remind },
)
