/**
 * Runs `main` when `mod` is the file node was started with (not when a test imports it); a failure is
 * printed and fails the process.
 */
export function runMain(mod: NodeModule, main: () => Promise<void>): void {
  if (require.main !== mod) return
  main().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
