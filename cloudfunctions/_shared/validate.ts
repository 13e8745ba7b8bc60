import { z } from 'zod'
import { BAD_CURSOR } from './cursor'
import { AppError } from './envelope'

/** What a person reads when a field broke a rule its schema does not word itself (never a field key). */
export const GENERIC_INPUT_MESSAGE = '提交的内容格式不对，请检查后重试'

/**
 * zod's fallback wording when a schema does not word a rule itself. zod's own locales read like a type
 * checker (「无效输入：期望 string」), so the fallback is a plain sentence, with the limit where one helps.
 */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  const limit = issue as { maximum?: unknown; minimum?: unknown; origin?: unknown }
  if (issue.code === 'too_big' && typeof limit.maximum === 'number') {
    if (limit.origin === 'string') return `内容不能超过 ${limit.maximum} 个字`
    if (limit.origin === 'array') return `最多只能选 ${limit.maximum} 项`
  }
  if (issue.code === 'too_small' && typeof limit.minimum === 'number') {
    if (limit.origin === 'string') return limit.minimum <= 1 ? '还有内容没有填写' : `内容至少 ${limit.minimum} 个字`
    if (limit.origin === 'array') return `至少要选 ${limit.minimum} 项`
  }
  return GENERIC_INPUT_MESSAGE
}

z.config({ localeError: (issue) => fallbackMessage(issue) })

/**
 * Parses `input` with `schema` or throws INVALID_ARGUMENT with the first problem in plain Chinese. Field
 * keys never reach the user; the path goes to the log, where a developer looks for it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  if (issue && issue.path.length > 0) console.warn(`invalid input at ${issue.path.join('.')}: ${issue.message}`)
  throw new AppError('INVALID_ARGUMENT', issue?.message ?? GENERIC_INPUT_MESSAGE)
}

/** Trimmed text with a length limit; `label` names the field in the user's words. */
export function text(label: string, max: number, min = 1): z.ZodString {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`)
}

/** An empty params object: actions without parameters still reject non-objects. */
export const noParams = z.object({})

// Building blocks of every contract: one definition, one limit, one wording each.

/** A document id (`_id`), including composite ones (`<memberId>:<period>`); `label` names what it identifies. */
export const id = (label: string) =>
  z
    .string({ error: `缺少${label}` })
    .trim()
    .regex(/^[A-Za-z0-9:_.-]{1,120}$/, `${label}格式不正确`)

/** An opaque page cursor from a previous answer (`_shared/cursor` reads it). */
export const cursor = z.string().trim().max(2000, BAD_CURSOR).optional()

/** A file in cloud storage (`cloud://<env>/<path>`), uploaded through the app. */
export const fileId = z
  .string({ error: '请先上传文件' })
  .max(512, '文件地址不正确')
  .regex(/^cloud:\/\/[^/\s]+\/\S+$/, '文件地址不正确')

/** A moment in time sent as an ISO string with offset; parsed to a Date. */
export const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式不正确` }).transform((s) => new Date(s))

/** A student number as the college writes it; stored upper-case. */
export const studentNo = z
  .string({ error: '请填写学号' })
  .trim()
  .regex(/^[A-Za-z0-9]{4,20}$/, '学号应为 4 到 20 位字母或数字')
  .transform((s) => s.toUpperCase())

function isRealDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return (
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1950 && y <= 2099
  )
}

/** A calendar day 'YYYY-MM-DD' that exists; `label` names it in the user's words. */
export function calendarDay(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`)
    .refine(isRealDay, `${label}不是有效的日期`)
}
