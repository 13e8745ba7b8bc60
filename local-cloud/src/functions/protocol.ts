/** Messages between the function runner (main thread) and its worker threads. Types only. */

/** Environment changes for one call; null deletes the variable (e.g. no caller → no WX_OPENID). */
export type EnvPatch = Record<string, string | null>

export interface FunctionContext {
  request_id: string
  function_name: string
  function_version: string
  namespace: string
  memory_limit_in_mb: number
  time_limit_in_ms: number
  environment: string
}

export interface CallMessage {
  type: 'call'
  callId: string
  modulePath: string
  /** Changes whenever index.js changes on disk; the worker reloads the module when it differs. */
  moduleVersion: string
  event: unknown
  context: FunctionContext
  env: EnvPatch
}

export interface ThrownError {
  name: string
  message: string
  stack: string
}

export type ResultMessage =
  | { type: 'result'; callId: string; ok: true; resultJson: string }
  | { type: 'result'; callId: string; ok: false; error: ThrownError }

export interface ReadyMessage {
  type: 'ready'
}

/** Asks a profiling worker to write its CPU profile (before it is terminated). */
export interface StopProfileMessage {
  type: 'stop-profile'
}

export interface ProfileWrittenMessage {
  type: 'profile-written'
  file: string | null
}

export type WorkerToMain = ResultMessage | ReadyMessage | ProfileWrittenMessage

export interface WorkerBootData {
  /** Module to require once at start-up so the first call doesn't pay for loading the SDK. */
  preload: string | null
  /** Directory to write this worker's CPU profile to when the pool closes (LOCAL_CLOUD_WORKER_PROFILE), or null. */
  cpuProfileDir: string | null
}
