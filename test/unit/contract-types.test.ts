import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Contract } from '../../cloudfunctions/_shared/contract'
import { defineFunction, type Actions } from '../../cloudfunctions/_shared/handler'
import type { UserContract } from '../../cloudfunctions/user/src/contract'

/**
 * Type-level checks (`npm run typecheck` compiles this file): `defineFunction` holds every handler to its
 * contract's response type. Each `@ts-expect-error` fails the typecheck if the drift it marks compiles.
 */
const schemas = { greet: z.object({ name: z.string().trim(), times: z.number().int().default(1) }) }
type GreetContract = Contract<typeof schemas, { greet: { greeting: string } }>

const main = defineFunction<GreetContract>('greet', schemas, {
  // Params arrive parsed: `times` is a number even when the client left it out.
  greet: async (params) => ({ greeting: params.name.repeat(params.times) }),
})

// @ts-expect-error a response field of the wrong type
defineFunction<GreetContract>('greet', schemas, { greet: async () => ({ greeting: 1 }) })

// @ts-expect-error a response missing a field the client reads
defineFunction<GreetContract>('greet', schemas, { greet: async () => ({}) })

// @ts-expect-error an action of the contract without a handler
defineFunction<GreetContract>('greet', schemas, {})

// A real contract: `me` must answer the profile the app reads, not something else.
// @ts-expect-error `me` answering a bare string
const drifted: Actions<UserContract>['me'] = async () => 'me'
void drifted

describe('defineFunction', () => {
  it('answers what the handler returns, in the envelope', async () => {
    expect(await main({ action: 'greet', name: ' 你好 ', times: 2 })).toEqual({
      ok: true,
      data: { greeting: '你好你好' },
    })
  })
})
