/** A file the user picked: a local path the transport can upload (temp path on weapp, blob URL on H5). */
export interface PickedFile {
  path: string
  name: string
  size: number
}
