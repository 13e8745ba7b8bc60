/** The documents toolkit: see README.md in this folder. */
export type { Align, Block, BodySize, DocumentSpec, Field } from './model'
export { renderDocx } from './docx'
export { renderPdf, PDF_FONT_FILES } from './pdf'
export { unprintableCharacters } from './charset'
export {
  exportDocument,
  renderDocument,
  saveGeneratedFile,
  type DocumentFormat,
  type ExportAudit,
  type SavedDocument,
} from './save'
