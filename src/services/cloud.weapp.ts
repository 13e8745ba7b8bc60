/**
 * WeChat transport: cloud development's own client. WeChat attaches the caller's identity
 * to every call, so nothing here says who the user is.
 */
import Taro from '@tarojs/taro'
import { TransportError, type Transport } from './transport'

export const transport: Transport = {
  pickableIdentity: false,

  init() {
    const env = process.env.TARO_APP_CLOUD_ENV
    Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  },

  async invoke(name, data) {
    try {
      const res = await Taro.cloud.callFunction({ name, data })
      return res.result
    } catch (error) {
      // callFunction rejects for transport problems (offline, timeout, env missing), not for
      // function errors: those come back inside the envelope.
      throw new TransportError(errMsg(error))
    }
  },

  upload(cloudPath, filePath, onProgress) {
    // The callback form returns the UploadTask, which reports progress; the promise form does not.
    return new Promise<string>((resolve, reject) => {
      // Typed as always answering a task; kept optional because older base libraries answered nothing.
      const task: Taro.UploadTask | undefined = Taro.cloud.uploadFile({
        cloudPath,
        filePath,
        success: (res) => resolve(res.fileID),
        fail: (error) => reject(new TransportError(errMsg(error))),
      })
      if (onProgress) task?.onProgressUpdate?.((res) => onProgress(res.progress))
    })
  },

  fileSize(filePath) {
    return new Promise<number>((resolve, reject) => {
      Taro.getFileSystemManager().getFileInfo({
        filePath,
        success: (res) => resolve(res.size),
        fail: (error) => reject(new TransportError(errMsg(error))),
      })
    })
  },

  async listPersonas() {
    return []
  },
}

function errMsg(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String(error.errMsg)
  return error instanceof Error ? error.message : String(error)
}
