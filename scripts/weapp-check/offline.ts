/**
 * The weapp check runs offline: while it runs, every TCP connection this process tries is refused at once
 * (and recorded), so nothing reaches WeChat's servers and a missing network cannot make it hang.
 * miniprogram-ci asks servicewechat.com for its list of allowed file extensions and falls back to its
 * built-in list when that fails. Unix-socket connections (a child process's IPC) are left alone.
 */
import net from 'node:net'

export interface NetworkGuard {
  /** `host:port` of every connection that was refused. */
  blocked: string[]
  release(): void
}

export function forbidNetwork(): NetworkGuard {
  const original = net.Socket.prototype.connect
  const blocked: string[] = []
  // connect(options | port | path, ...): only a TCP target is refused.
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const [first, second] = args
    const options =
      first && typeof first === 'object' ? (first as { host?: string; port?: number; path?: string }) : undefined
    const isPipe = options ? Boolean(options.path) : typeof first === 'string' && Number.isNaN(Number(first))
    if (isPipe) return (original as (...a: unknown[]) => net.Socket).apply(this, args)
    const host = options?.host ?? (typeof second === 'string' ? second : 'localhost')
    const port = options?.port ?? first
    blocked.push(`${host}:${String(port)}`)
    process.nextTick(() =>
      this.destroy(new Error(`offline: the weapp check does not connect to ${host}:${String(port)}`)),
    )
    return this
  }
  net.Socket.prototype.connect = guarded as typeof net.Socket.prototype.connect
  return {
    blocked,
    release: () => {
      net.Socket.prototype.connect = original
    },
  }
}
