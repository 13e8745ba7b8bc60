/** The local cloud's seeded people, for the H5 persona picker. */
import { toFailure, type CallResult } from './call'
import { transport } from './cloud'
import type { DevPersona } from './transport'

export type { DevPersona } from './transport'

export async function listPersonas(): Promise<CallResult<DevPersona[]>> {
  try {
    return { ok: true, data: await transport.listPersonas() }
  } catch (error) {
    return toFailure(error)
  }
}
