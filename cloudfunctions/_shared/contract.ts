import type { z } from 'zod'

/**
 * A function's contract: one zod schema per action (the request) and one response type per action.
 * The client imports the derived `Contract` type with `import type`, so request and response types
 * are defined once, here on the server side.
 */
export type Schemas = Record<string, z.ZodType>

export type Contract<S extends Schemas, R extends { [K in keyof S]: unknown }> = {
  /** `req`: what the client sends; `params`: what the handler receives (after defaults and transforms); `res`: the answer. */
  [K in keyof S]: { req: z.input<S[K]>; params: z.output<S[K]>; res: R[K] }
}

/** Any function's contract, as `defineFunction` takes it. */
export type AnyContract = Record<string, { req: unknown; params: unknown; res: unknown }>

/**
 * What an action does to stored data. `read` changes nothing (a derived cache aside: collections marked
 * `derived` in collections.json, such as the dashboard snapshot); `audited-read` changes nothing but
 * adds its audit entry (a sensitive read: an archive, an export); `write` may change data. Every action
 * of every function says which, in its contract (`<feature>ActionKinds`), and
 * `test/functions/reads-change-nothing.test.ts` holds every `read` and `audited-read` to it.
 */
export type ActionKind = 'read' | 'audited-read' | 'write'

export type ActionKinds<S extends Schemas> = { readonly [K in keyof S]: ActionKind }
