import { z } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'
import { AppError } from './envelope'

// zod's own messages in Chinese for whatever a schema does not word itself.
z.config(zhCN())

/** Parses `input` with `schema` or throws INVALID_ARGUMENT with a readable Chinese message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `（${issue.path.join('.')}）` : ''
  throw new AppError('INVALID_ARGUMENT', `${issue?.message ?? '请求参数有误'}${where}`)
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
