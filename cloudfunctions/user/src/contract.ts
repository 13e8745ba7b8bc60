import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import type { CollegeSettings, Role, Stage, StageDates } from '../../_shared/domain'
import { noParams, text } from '../../_shared/validate'

export const userSchemas = {
  login: noParams,
  me: noParams,
  bind: z.object({
    studentNo: z
      .string({ error: '请填写学号' })
      .trim()
      .regex(/^[A-Za-z0-9]{4,20}$/, '学号应为 4 到 20 位字母或数字'),
    name: text('姓名', 20),
  }),
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const userActionKinds = {
  login: 'read',
  me: 'read',
  bind: 'write',
} as const satisfies ActionKinds<typeof userSchemas>

/** What the app knows about the signed-in person. */
export interface Profile {
  memberId: string
  name: string
  studentNo: string
  className: string
  roles: Role[]
  primaryRole: Role
  stage: Stage
  stageLabel: string
  stageDates: StageDates
  branch: { id: string; name: string } | null
  college: { id: string; name: string; settings: CollegeSettings }
}

/** 我的 page: the profile plus who to turn to. */
export interface MeResult {
  profile: Profile
  /** The secretaries of the caller's branch (name only). */
  secretaries: string[]
  boundAt: string | null
}

export type UserContract = Contract<
  typeof userSchemas,
  {
    login: Profile
    me: MeResult
    bind: Profile
  }
>
