import { requireCaller } from '../../_shared/auth'
import { defineFunction } from '../../_shared/handler'
import { checkIn, checkInCode, confirmOnline, myMemberCode, signInMember } from './checkin'
import { compliance } from './compliance'
import { meetingSchemas, type MeetingContract } from './contract'
import { exportAttendance } from './export'
import { decideLeave, requestLeave } from './leave'
import { cancel, create, roster, update } from './manage'
import { saveMinutes } from './minutes'
import { loadMeeting, requireMeetingManager } from './access'
import { remind, subscribe } from './remind'
import { recountAttendance } from './recount'
import { loadSheet } from './sheet'
import { get, list, myAttendance } from './views'

/**
 * Organisational life (三会一课, 主题党日): meetings, rotating-code check-in, leave, attendance,
 * minutes, export and compliance. Every action starts from the caller's identity (one indexed read).
 */
// Timer jobs: the meetingTimer trigger (every 15 minutes) sends the reminders that are due, then recounts the attendance of meetings whose check-in has closed.
export const main = defineFunction<MeetingContract>(
  'meeting',
  meetingSchemas,
  {
    create,
    update,
    cancel,
    list: async (params, ctx) => list(params, ctx, await requireCaller(ctx)),
    get: async (params, ctx) => get(params, ctx, await requireCaller(ctx)),
    checkInCode: async (params, ctx) => checkInCode(params, ctx, await requireCaller(ctx)),
    checkIn: async (params, ctx) => checkIn(params, ctx),
    signInMember: async (params, ctx) => signInMember(params, ctx),
    requestLeave: async (params, ctx) => requestLeave(params, ctx, await requireCaller(ctx)),
    decideLeave: async (params, ctx) => decideLeave(params, ctx),
    async attendance(params, ctx) {
      const caller = await requireCaller(ctx)
      const meeting = await loadMeeting(params.meetingId)
      requireMeetingManager(caller, meeting)
      return loadSheet(meeting)
    },
    minutes: saveMinutes,
    exportAttendance,
    compliance: async (params, ctx) => compliance(params, ctx, await requireCaller(ctx)),
    myAttendance: async (params, ctx) => myAttendance(params, ctx, await requireCaller(ctx)),
    memberCode: async (params, ctx) => myMemberCode(params, ctx, await requireCaller(ctx)),
    roster: async (params, ctx) => roster(params, await requireCaller(ctx)),
    subscribe: async (params, ctx) => subscribe(params, ctx, await requireCaller(ctx)),
    confirmOnline,
  },
  { remind, recountAttendance },
)
