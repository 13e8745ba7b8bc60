/** One place that tells the user a call failed (a toast with the envelope's Chinese message). */
import Taro from '@tarojs/taro'
import type { CallFailure } from './call'

export function toastFailure(failure: CallFailure): void {
  void Taro.showToast({ title: failure.message, icon: 'none', duration: 2500 })
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}
