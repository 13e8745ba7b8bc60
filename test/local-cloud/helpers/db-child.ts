/**
 * Child-process entry for the durability test: opens the engine on a data dir behind the test HTTP
 * front and prints `READY <port>`. The test bundles it with esbuild; by hand:
 *   node --import tsx db-child.ts <dataDir> <collectionsFile> <port> [compactAfterBytes]
 */
import { openDatabase } from '../../../local-cloud/src/db'
import { startDbServer } from './db-server'

async function main(): Promise<void> {
  const [dataDir, collectionsFile, port, compactAfter] = process.argv.slice(2)
  const db = await openDatabase({
    dataDir,
    collectionsFile,
    compactAfterBytes: compactAfter ? Number(compactAfter) : undefined,
  })
  const server = await startDbServer(db, Number(port) || 0)
  process.stdout.write(`READY ${server.port}\n`)
  process.on('SIGTERM', () => {
    void server
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
