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
  const security = getCloud().openapi.security as {
    msgSecCheck(p: Record<string, unknown>): Promise<MsgSecCheckResult>
  }
  const res = await security.msgSecCheck({ content, version: 2, scene: 2, openid })
  if (res.result?.suggest !== 'pass') {
    throw new AppError('CONTENT_RISKY', '内容含有不当信息，请修改后再提交')
  }
}

/** msgSecCheck takes at most 2500 characters a request: longer text is checked in parallel pieces. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500

/** Pieces overlap so a phrase cut at a boundary is still seen whole in one of them. */
const PIECE_OVERLAP = 50

/** Like `assertTextSafe`, for text of any length (a thought report's body). */
export async function assertLongTextSafe(content: string, openid: string): Promise<void> {
  const chars = Array.from(content)
  const pieces: string[] = []
  const step = MSG_SEC_CHECK_MAX_CHARS - PIECE_OVERLAP
  for (let i = 0; i === 0 || i + PIECE_OVERLAP < chars.length; i += step)
    pieces.push(chars.slice(i, i + MSG_SEC_CHECK_MAX_CHARS).join(''))
  await Promise.all(pieces.map((piece) => assertTextSafe(piece, openid)))
}
