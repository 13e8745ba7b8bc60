/**
 * Choosing a spreadsheet from the device and opening a downloaded one: WeChat and the browser do
 * this differently. Taro resolves `./pick-file` to `pick-file.weapp.ts` or `pick-file.h5.ts` at build
 * time (platform files, like `./cloud`); this neutral file is what tsc sees.
 */
import * as h5 from './pick-file.h5'
import * as weapp from './pick-file.weapp'
import type { PickedFile } from './pick-file.types'

export type { PickedFile } from './pick-file.types'

const platform = process.env.TARO_ENV === 'h5' ? h5 : weapp

export const chooseSpreadsheet: () => Promise<PickedFile | null> = platform.chooseSpreadsheet
export const chooseDocuments: (count: number, extensions: readonly string[]) => Promise<PickedFile[]> =
  platform.chooseDocuments
export const openDownload: (url: string, fileName: string) => Promise<void> = platform.openDownload
