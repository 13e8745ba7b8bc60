import { useRouter } from '@tarojs/taro'

/** The `id` query parameter of a meeting page ('' when missing). */
export function useMeetingId(): string {
  const { params } = useRouter()
  return typeof params.id === 'string' ? decodeURIComponent(params.id) : ''
}
