import { vi } from 'vitest'
import type { DevPersona, Transport } from '../../src/services/transport'

/** A transport whose answers a test scripts: one handler per call. */
export function fakeTransport(pickableIdentity = false) {
  const calls: { name: string; data: Record<string, unknown> }[] = []
  let handler: (name: string, data: Record<string, unknown>) => Promise<unknown> = () => Promise.resolve(undefined)
  const transport: Transport = {
    pickableIdentity,
    init: vi.fn(),
    invoke: (name, data) => {
      calls.push({ name, data })
      return handler(name, data)
    },
    upload: vi.fn(() => Promise.resolve('cloud://env.bucket/x.png')),
    fileSize: vi.fn(() => Promise.resolve(1024)),
    listPersonas: vi.fn((): Promise<DevPersona[]> => Promise.resolve([])),
  }
  return {
    transport,
    calls,
    answer(h: typeof handler) {
      handler = h
    },
  }
}
