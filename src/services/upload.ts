/** File upload through the runtime's transport, as an envelope like every other call. */
import { transport } from './cloud'
import { toFailure, type CallResult } from './call'

export async function uploadFile(cloudPath: string, filePath: string): Promise<CallResult<{ fileID: string }>> {
  try {
    return { ok: true, data: { fileID: await transport.upload(cloudPath, filePath) } }
  } catch (error) {
    return toFailure(error)
  }
}
