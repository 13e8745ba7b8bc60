import type { z } from 'zod'

/**
 * A function's contract: one zod schema per action (the request) and one response type per action.
 * The client imports the derived `Contract` type with `import type`, so request and response types
 * are defined once, here on the server side.
 */
export type Schemas = Record<string, z.ZodType>

export type Contract<S extends Schemas, R extends { [K in keyof S]: unknown }> = {
  [K in keyof S]: { req: z.input<S[K]>; res: R[K] }
}
