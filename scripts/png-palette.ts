/**
 * Writes an RGBA image as a palette PNG (colour type 3, with tRNS for alpha) when it has at most 256 colours: the
 * same pixels as an RGBA PNG at a fraction of the bytes (the tab icons hold one colour at ~30 alpha levels, and
 * their bytes count against the main package). More colours: a plain RGBA PNG.
 */
import { deflateSync } from 'node:zlib'
import { PNG } from 'pngjs'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Bits per pixel of the palette index: the fewest PNG allows for `colours`. */
function indexBits(colours: number): number {
  return colours <= 2 ? 1 : colours <= 4 ? 2 : colours <= 16 ? 4 : 8
}

export function encodePng(png: PNG): Buffer {
  const { width, height, data } = png
  const palette: number[] = []
  const indexOf = new Map<number, number>()
  const indexes = new Uint8Array(width * height)
  for (let i = 0; i < width * height; i++) {
    const rgba = data.readUInt32BE(i * 4)
    let index = indexOf.get(rgba)
    if (index === undefined) {
      if (palette.length === 256) return PNG.sync.write(png)
      index = palette.push(rgba) - 1
      indexOf.set(rgba, index)
    }
    indexes[i] = index
  }
  const bits = indexBits(palette.length)
  const rowBytes = Math.ceil((width * bits) / 8)
  // Each row: filter type 0 (none), then the indexes packed from the high bit.
  const raw = Buffer.alloc((rowBytes + 1) * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const bit = x * bits
      raw[y * (rowBytes + 1) + 1 + (bit >> 3)] |= (indexes[y * width + x] ?? 0) << (8 - bits - (bit & 7))
    }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = bits
  header[9] = 3
  const rgb = Buffer.alloc(palette.length * 3)
  const alpha = Buffer.alloc(palette.length)
  palette.forEach((c, i) => {
    rgb.writeUIntBE(c >>> 8, i * 3, 3)
    alpha[i] = c & 0xff
  })
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', rgb),
    chunk('tRNS', alpha),
    chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
