/** Browser: a hidden file input, and a link with `download` for the template. */
import type { PickedFile } from './pick-file.types'

export function chooseSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.style.display = 'none'
    input.setAttribute('data-testid', 'sheet-file-input')
    const done = (file: PickedFile | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

/** Documents of the given extensions (e.g. a material's PDF), up to `count`; [] when cancelled. */
export function chooseDocuments(count: number, extensions: readonly string[]): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = count > 1
    input.accept = extensions.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    input.setAttribute('data-testid', 'document-file-input')
    const done = (files: PickedFile[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count)
      done(files.map((f) => ({ path: URL.createObjectURL(f), name: f.name, size: f.size })))
    })
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}

export async function openDownload(url: string, fileName: string): Promise<void> {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
}
