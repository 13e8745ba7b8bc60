/**
 * What a runtime must provide to the rest of the app. Implemented once per platform
 * (`cloud.weapp.ts`, `cloud.h5.ts`); nothing else in src/ knows which runtime it runs in.
 */
import type { Role, Stage } from './domain'

/** A seeded person of the local cloud, offered by the H5 persona picker. */
export interface DevPersona {
  openid: string
  name: string
  role: Role
  branchId: string | null
  stage: Stage | null
  branchName?: string | null
  studentNo?: string | null
}

/** Thrown by a transport when the request never got an answer (offline, server down, timeout). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransportError'
  }
}

export interface Transport {
  /** Called once at app launch (weapp: `Taro.cloud.init`). */
  init(): void
  /** Calls a function and resolves with its raw return value (the envelope, unchecked). */
  invoke(name: string, data: Record<string, unknown>): Promise<unknown>
  /**
   * Uploads a local file (temp path on weapp, blob URL on H5) and resolves with its `cloud://` file ID;
   * `onProgress` hears the percentage sent (0–100) as the upload goes.
   */
  upload(cloudPath: string, filePath: string, onProgress?: (percent: number) => void): Promise<string>
  /** Bytes of a local file (temp path on weapp, blob URL on H5): what an upload slot is asked for. */
  fileSize(filePath: string): Promise<number>
  /** Whether identity is picked by hand (H5 against the local cloud) rather than given by WeChat. */
  readonly pickableIdentity: boolean
  /** The local cloud's seeded personas; empty where identity comes from WeChat. */
  listPersonas(): Promise<DevPersona[]>
}
