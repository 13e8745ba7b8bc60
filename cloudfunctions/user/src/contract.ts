import { z } from 'zod'
import type { Contract } from '../../_shared/contract'
import type { CollegeSettings, Role, Stage, StageDates } from '../../_shared/domain'
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_EXTENSIONS } from '../../_shared/upload-kinds'
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
    uploadSlot: UploadSlot
  }
>
