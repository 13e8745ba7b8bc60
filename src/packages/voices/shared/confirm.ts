import Taro from '@tarojs/taro'
import type { CallResult } from '../../../services/call'

/** Asks first (what cannot be undone), then runs the call and hands on its answer if it worked. */
export function confirmThenRun<T>(
  ask: { title: string; content: string },
  run: () => Promise<CallResult<T>>,
  onDone: (data: T) => void,
): void {
  void Taro.showModal({ ...ask, confirmColor: '#C8161D' }).then((res) => {
    if (!res.confirm) return
    void run().then((r) => {
      if (r.ok) onDone(r.data)
    })
  })
}
