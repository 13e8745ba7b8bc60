import { appendFileSync, existsSync, readFileSync } from 'node:fs'

/**
 * What a heavy run of the local cloud leaves behind to explain a failure: its own output (see
 * `startLocalCloud({ logFile })`), and every `everyMs` its resident memory and the machine's available memory,
 * so a process killed for memory (by the kernel, or by V8 at its heap limit) shows in the log.
 */
export function watchMemory(pid: number | undefined, logFile: string, everyMs = 10_000): () => void {
  const sample = (): void => {
    const rss = pid === undefined ? null : statusField(`/proc/${pid}/status`, 'VmRSS')
    const available = statusField('/proc/meminfo', 'MemAvailable')
    const mb = (kb: number | null): string => (kb === null ? '?' : `${Math.round(kb / 1024)} MB`)
    appendFileSync(
      logFile,
      `[${new Date().toISOString()}] memory: rss ${mb(rss)}, machine available ${mb(available)}\n`,
    )
  }
  sample()
  const timer = setInterval(sample, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

/** A `Name:   123 kB` line of a /proc file, in kB; null when it cannot be read (not Linux, process gone). */
function statusField(file: string, name: string): number | null {
  try {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))
    return line ? Number.parseInt(line.slice(name.length + 1), 10) : null
  } catch {
    return null
  }
}

/**
 * Resolves once the server has printed its "running" banner: it listens (and answers the helper's
 * readiness probe) before its migrations finish, and journeys must not race them.
 */
export async function untilRunning(logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (existsSync(logFile) && readFileSync(logFile, 'utf8').includes('Local cloud is running')) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the local cloud did not finish starting in ${timeoutMs / 1000} s (see ${logFile})`)
}

/** The last `lines` lines of the log, for the report of a failed run. */
export function logTail(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) return '(no log)'
  return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
}
