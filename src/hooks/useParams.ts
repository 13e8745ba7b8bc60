import Taro, { useRouter } from '@tarojs/taro'

/** Page query parameters, decoded: Taro passes them still URL-encoded (ids may carry `:`). */
export function useParams(): Record<string, string | undefined> {
  const { params } = useRouter()
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue
    try {
      out[key] = decodeURIComponent(value)
    } catch {
      out[key] = value
    }
  }
  return out
}

export function withQuery(url: string, query: Record<string, string>): string {
  const q = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return q ? `${url}?${q}` : url
}

/** Opens a page on top of this one. */
export function go(url: string): void {
  void Taro.navigateTo({ url })
}
