import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import path from 'node:path'
import { threadId } from 'node:worker_threads'

/**
 * Profiles the calling thread with the inspector's CPU profiler from now until the returned stop is
 * called, which writes a .cpuprofile (DevTools opens it) into `dir`. `--cpu-prof` covers only a main
 * thread that exits by itself and is refused in NODE_OPTIONS; this works in the function workers and in a
 * local cloud started by a test helper. Imports node built-ins only (the workers load it).
 */
export function startCpuProfile(dir: string, name: string): (done: (file: string | null) => void) => void {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')
  return (done) =>
    session.post('Profiler.stop', (error, result) => {
      session.disconnect()
      if (error) return done(null)
      const file = path.join(dir, `${name}-${process.pid}-${threadId}-${Date.now()}.cpuprofile`)
      writeFileSync(file, JSON.stringify(result.profile))
      done(file)
    })
}
