import { z } from 'zod'
import type { ActionKinds, Contract } from '../../_shared/contract'
import type { CollegeSettings, Role, Stage, StageDates } from '../../_shared/domain'
import { BIND_CODE_ALPHABET, BIND_CODE_LENGTH, normalizeBindCode } from '../../_shared/bind-code-text'
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_EXTENSIONS } from '../../_shared/upload-kinds'
import { noParams, studentNo, text } from '../../_shared/validate'

/** The binding code as printed (ABCD-EFGH) or typed (lower case, spaces): compared normalized. */
const bindCode = z
  .string({ error: '请填写绑定码' })
  .trim()
  .min(1, '请填写绑定码')
  .max(20, '绑定码应为 8 位字母或数字')
  .transform(normalizeBindCode)
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^[${BIND_CODE_ALPHABET}]{${BIND_CODE_LENGTH}}$`),
        '绑定码应为 8 位字母或数字，请核对支部书记发给你的绑定码',
      ),
  )

export const userSchemas = {
  login: noParams,
  me: noParams,
  bind: z.object({
    studentNo,
    name: text('姓名', 20),
    code: bindCode,
  }),
  /** Where to upload a file of this type and size: a fresh path in the caller's own folder, counted against their quota. */
  uploadSlot: z.object({
    ext: z.enum(UPLOAD_EXTENSIONS, { error: '不支持这种文件，请上传图片、短视频、PDF、Word、Excel 或文本文件' }),
    size: z
      .number({ error: '缺少文件大小' })
      .int('文件大小不正确')
      .min(1, '文件是空的')
      .max(MAX_UPLOAD_FILE_BYTES, `文件不能超过 ${MAX_UPLOAD_FILE_BYTES / 1024 / 1024} MB`),
  }),
}

/** An upload path handed out by `uploadSlot`. */
export interface UploadSlot {
  cloudPath: string
}

/** Which actions only read (see ActionKind): held to it by test/functions/reads-change-nothing.test.ts. */
export const userActionKinds = {
  login: 'read',
  me: 'read',
  bind: 'write',
  uploadSlot: 'write',
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
  /** The member's post on the branch committee (组织委员, …), or null: a 支委 helps run the branch's votes. */
  branchPost: string | null
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
    uploadSlot: UploadSlot
  }
>
