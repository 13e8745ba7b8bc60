/**
 * H5 transport: the browser talks to the local cloud's gateway on the same origin.
 * The caller's identity is the persona picked on this device, sent as `x-wx-openid`
 * (the gateway turns it into the function's WeChat context).
 */
import { functionRequest, OPENID_HEADER, type EarlyCallHolder } from './h5-gateway'
import { getIdentity } from './identity'
import { TransportError, type DevPersona, type Transport } from './transport'

const TIMEOUT_MS = 15_000

async function send(path: string, init: RequestInit): Promise<Response> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
  const headers = new Headers(init.headers)
  const identity = getIdentity()
  if (identity) headers.set(OPENID_HEADER, identity.openid)
  try {
    return await fetch(path, { ...init, headers, signal: controller.signal })
  } catch {
    // fetch rejects only when no answer came back: offline, server down, or our timeout.
    throw new TransportError(`request to ${path} failed`)
  } finally {
    clearTimeout(timer)
  }
}

const EARLY_CALL_MAX_AGE_MS = 30_000

/** index.html's early call (early-call.h5.ts) if it is this very request (same function, body and caller, still fresh): taken once. */
function takeEarlyCall(name: string, body: string): Promise<Response> | null {
  const holder = globalThis as EarlyCallHolder
  const early = holder.__zbtEarlyCall
  if (!early || early.name !== name || early.body !== body) return null
  delete holder.__zbtEarlyCall
  const fresh = Date.now() - early.at < EARLY_CALL_MAX_AGE_MS
  return fresh && early.owner === getIdentity()?.openid ? early.response : null
}

async function readJson(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return res.json()
}

/** fetch cannot report upload progress; XMLHttpRequest can. Same headers, timeout scaled for files. */
function uploadWithProgress(form: FormData, onProgress: (percent: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/storage/upload')
    const identity = getIdentity()
    if (identity) xhr.setRequestHeader(OPENID_HEADER, identity.openid)
    xhr.timeout = 4 * TIMEOUT_MS
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)))
    }
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(new Error(`HTTP ${xhr.status}`))
      try {
        resolve(JSON.parse(xhr.responseText) as unknown)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    // No answer at all: offline, server down, or our timeout.
    xhr.onerror = () => reject(new TransportError('upload failed'))
    xhr.ontimeout = () => reject(new TransportError('upload timed out'))
    xhr.send(form)
  })
}

export const transport: Transport = {
  pickableIdentity: true,

  init() {
    // Nothing to set up: the gateway is on the page's own origin.
  },

  async invoke(name, data) {
    const request = JSON.stringify(data)
    const early = takeEarlyCall(name, request)
    const res =
      (early && (await early.catch(() => null))) ||
      (await send(...functionRequest(name, request, getIdentity()?.openid)))
    const body = await readJson(res)
    return typeof body === 'object' && body !== null ? (body as { result?: unknown }).result : undefined
  },

  async upload(cloudPath, filePath, onProgress) {
    // On H5, chosen files are blob: URLs; read them back into a Blob for the multipart body.
    const blob = await (await fetch(filePath)).blob()
    const form = new FormData()
    form.append('cloudPath', cloudPath)
    form.append('file', blob, cloudPath.split('/').pop() ?? 'file')
    const body = onProgress
      ? await uploadWithProgress(form, onProgress)
      : await readJson(await send('/api/storage/upload', { method: 'POST', body: form }))
    const fileID = typeof body === 'object' && body !== null ? (body as { fileID?: unknown }).fileID : undefined
    if (typeof fileID !== 'string') throw new Error('upload answered without fileID')
    return fileID
  },

  async fileSize(filePath) {
    return (await (await fetch(filePath)).blob()).size
  },

  async listPersonas() {
    const body = await readJson(await send('/api/dev/personas', { method: 'GET' }))
    return Array.isArray(body) ? (body as DevPersona[]) : []
  },
}
