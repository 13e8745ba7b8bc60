/**
 * Rules for cloud paths and fileIDs. A fileID looks like production's:
 * `cloud://<env>.<bucket>/<cloudPath>`.
 */

const MAX_CLOUD_PATH_LENGTH = 512
// `?`, `#` and `%` are refused so that temp URLs can carry the raw path (the SDK runs encodeURI on them).
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f\\?#%]/

export function cloudPathProblem(cloudPath: string): string | null {
  if (cloudPath.length === 0) return '文件路径不能为空'
  if (cloudPath.length > MAX_CLOUD_PATH_LENGTH) return `文件路径不能超过 ${MAX_CLOUD_PATH_LENGTH} 个字符`
  if (cloudPath.startsWith('/')) return '文件路径不能以 / 开头'
  if (FORBIDDEN_CHARS.test(cloudPath)) return '文件路径含有不允许的字符'
  const segments = cloudPath.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return '文件路径不能包含空目录、. 或 ..'
  return null
}

export function isValidCloudPath(cloudPath: string): boolean {
  return cloudPathProblem(cloudPath) === null
}

/** Production buckets look like `7a68-zhibutong-local-1250000000` (hex of the first two chars, env, appid-ish number). */
export function bucketFor(envId: string): string {
  const prefix = Buffer.from(envId.slice(0, 2), 'utf8').toString('hex')
  return `${prefix}-${envId}-1250000000`
}

export function fileIdFor(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketFor(envId)}/${cloudPath}`
}

/** The cloud path inside a fileID, or null when it is not a well-formed `cloud://` id. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  if (!m) return null
  const cloudPath = m[1]
  return isValidCloudPath(cloudPath) ? cloudPath : null
}
