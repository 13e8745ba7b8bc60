import { getCloud } from './cloud'
import { AppError } from './envelope'

interface MsgSecCheckResult {
  errcode?: number
  result?: { suggest?: string; label?: number }
}

/**
 * Passes user text through WeChat's content-security check (msgSecCheck v2). Anything but a clear
 * `pass` is refused before anything is stored.
 */
export async function assertTextSafe(content: string, openid: string): Promise<void> {
  if (content.trim().length === 0) return
  const security = getCloud().openapi.security as { msgSecCheck(p: Record<string, unknown>): Promise<MsgSecCheckResult> }
  const res = await security.msgSecCheck({ content, version: 2, scene: 2, openid })
  if (res.result?.suggest !== 'pass') {
    throw new AppError('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')
  }
}
