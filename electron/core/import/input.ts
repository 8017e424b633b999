import { createReadStream } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { ImportFormatError } from './types'

/**
 * Byte-level preparation shared by the CSV and JSON readers: checks the encoding family up front
 * (BOM, UTF-16, workbooks), strips a UTF-8 BOM, turns CRLF into LF (so the CSV parser's line
 * counter matches physical lines, also inside quoted comments) and notes every byte that is not
 * valid UTF-8 so the row holding it can be reported instead of imported with "�" in it.
 */

/** A file path, the whole file in memory, or a stream of chunks (e.g. an upload). */
export type ByteSource = string | Uint8Array | AsyncIterable<Uint8Array>

export const DEFAULT_CHUNK_SIZE = 256 * 1024

export interface BadByte {
  /** offset in the original file (what a hex editor shows) */
  fileOffset: number
  /** offset in the prepared stream handed to the parser */
  streamOffset: number
  value: number
}

export interface InputOptions {
  chunkSize?: number
}

const UTF16_MESSAGE =
  'the file is UTF-16 encoded; UTF-16 is not supported, export it as UTF-8 (Excel: "CSV UTF-8")'

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

async function* rawChunks(source: ByteSource, chunkSize: number): AsyncGenerator<Buffer> {
  if (typeof source === 'string') {
    for await (const chunk of createReadStream(source, { highWaterMark: chunkSize })) {
      yield chunk as Buffer
    }
  } else if (source instanceof Uint8Array) {
    const buf = toBuffer(source)
    for (let i = 0; i < buf.length; i += chunkSize) yield buf.subarray(i, i + chunkSize)
  } else {
    for await (const chunk of source) yield toBuffer(chunk)
  }
}

/** Number of bytes at the end of `buf` that start a multi-byte sequence the chunk does not finish. */
function incompleteTail(buf: Buffer): number {
  const len = buf.length
  for (let k = 1; k <= 3 && k <= len; k++) {
    const b = buf[len - k] ?? 0
    if ((b & 0xc0) === 0x80) continue
    if (b < 0xc0) return 0
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
    return need > k ? k : 0
  }
  return 0
}

/** Offsets (within `buf`) of bytes that do not form valid UTF-8; called only when isUtf8 said no. */
export function invalidUtf8Offsets(buf: Uint8Array): number[] {
  const bad: number[] = []
  let i = 0
  while (i < buf.length) {
    const b = buf[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    let need = 0
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else {
      bad.push(i)
      i++
      continue
    }
    let ok = true
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k]
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) {
        ok = false
        break
      }
    }
    if (!ok) {
      bad.push(i)
      i++
    } else i += need + 1
  }
  return bad
}

/** Removes the CR of every CRLF pair. */
function dropCrBeforeLf(buf: Buffer): Buffer {
  const out = Buffer.allocUnsafe(buf.length)
  let n = 0
  let from = 0
  let cr = buf.indexOf(13)
  while (cr !== -1) {
    if (buf[cr + 1] === 10) {
      n += buf.copy(out, n, from, cr)
      from = cr + 1
    }
    cr = buf.indexOf(13, cr + 1)
  }
  n += buf.copy(out, n, from)
  return out.subarray(0, n)
}

function describeBinary(head: Buffer): string | null {
  if (head[0] === 0xff && head[1] === 0xfe) return UTF16_MESSAGE
  if (head[0] === 0xfe && head[1] === 0xff) return UTF16_MESSAGE
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) {
    return 'the file is an Excel workbook or another ZIP archive, not a CSV; save it as "CSV UTF-8"'
  }
  const probe = head.subarray(0, 4096)
  if (probe.includes(0)) {
    return 'the file contains NUL bytes: it is probably UTF-16 without a byte order mark or a binary file; export it as UTF-8'
  }
  return null
}

/**
 * A prepared input. Read `firstLine` (the decoded first physical line, for delimiter detection),
 * optionally call `skipFirstLine()`, then iterate `chunks()` once.
 */
export class PreparedInput {
  /** invalid UTF-8 bytes seen so far, oldest first; consumers drop entries as rows pass them */
  readonly badBytes: BadByte[] = []
  /** true once any invalid byte was seen (lets readers skip the per-row check on clean files) */
  sawBadBytes = false
  /** true when the file had a UTF-8 byte order mark */
  readonly hadBom: boolean
  /** lines dropped before the prepared stream starts (a "sep=;" line) */
  linesSkipped = 0
  private head: Buffer
  private fileOffset: number

  constructor(
    head: Buffer,
    private readonly rest: AsyncIterator<Buffer>,
    private readonly restDone: boolean,
  ) {
    this.hadBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
    this.head = this.hadBom ? head.subarray(3) : head
    this.fileOffset = this.hadBom ? 3 : 0
  }

  get firstLine(): string {
    const nl = this.head.indexOf(10)
    const line = nl === -1 ? this.head : this.head.subarray(0, nl)
    return line.toString('utf8').replace(/\r$/, '')
  }

  skipFirstLine(): void {
    const nl = this.head.indexOf(10)
    const cut = nl === -1 ? this.head.length : nl + 1
    this.head = this.head.subarray(cut)
    this.fileOffset += cut
    this.linesSkipped++
  }

  async *chunks(): AsyncGenerator<Buffer> {
    try {
      yield* this.prepared()
    } finally {
      // a reader that stops early must not leave the file open
      await this.rest.return?.()
    }
  }

  private async *prepared(): AsyncGenerator<Buffer> {
    let carry: Buffer = this.head
    let streamOffset = 0
    let done = this.restDone
    for (;;) {
      let buf = carry
      if (!done) {
        const next = await this.rest.next()
        if (next.done) done = true
        else buf = carry.length === 0 ? next.value : Buffer.concat([carry, next.value])
      }
      let keep = 0
      if (!done) {
        keep = incompleteTail(buf)
        // a CR at the end may be the first half of a CRLF split across chunks
        if (buf[buf.length - keep - 1] === 13) keep++
      }
      const part = keep === 0 ? buf : buf.subarray(0, buf.length - keep)
      carry = keep === 0 ? Buffer.alloc(0) : Buffer.from(buf.subarray(buf.length - keep))
      if (part.length > 0) {
        if (!isUtf8(part)) this.noteBadBytes(part, streamOffset)
        const out = part.indexOf(13) === -1 ? part : dropCrBeforeLf(part)
        this.fileOffset += part.length
        streamOffset += out.length
        yield out
      }
      // once the source is done nothing is held back, so the carry is empty here
      if (done) return
    }
  }

  private noteBadBytes(part: Buffer, streamBase: number): void {
    this.sawBadBytes = true
    const offsets = invalidUtf8Offsets(part)
    let crsBefore = 0
    let scanned = 0
    for (const at of offsets) {
      // stream offsets shift left by every CR dropped before the byte
      for (; scanned < at; scanned++) if (part[scanned] === 13 && part[scanned + 1] === 10) crsBefore++
      // cap: a whole Latin-1 file needs only the first bad byte of each row, not a list of millions
      if (this.badBytes.length < 100_000) {
        this.badBytes.push({
          fileOffset: this.fileOffset + at,
          streamOffset: streamBase + at - crsBefore,
          value: part[at] ?? 0,
        })
      }
    }
  }
}

/**
 * Opens a source and reads its beginning (up to the first line break, at most 64 KB) to check the
 * encoding family. Throws ImportFormatError for empty, UTF-16 and binary files.
 */
export async function prepareInput(source: ByteSource, options: InputOptions = {}): Promise<PreparedInput> {
  const iterator = rawChunks(source, options.chunkSize ?? DEFAULT_CHUNK_SIZE)
  const parts: Buffer[] = []
  let size = 0
  let done = false
  while (size < 65_536) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    parts.push(next.value)
    size += next.value.length
    if (next.value.includes(10) && size >= 4) break
  }
  const head = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts)
  const empty =
    head.length === 0 || (head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
  const refusal = empty ? 'the file is empty' : describeBinary(head)
  if (refusal) {
    await iterator.return(undefined)
    throw new ImportFormatError(refusal)
  }
  return new PreparedInput(head, iterator, done)
}

/** The user-facing sentence for a row that holds bytes that are not UTF-8. */
export function describeBadByte(bad: BadByte | undefined): string {
  const where =
    bad === undefined
      ? ''
      : ` (byte 0x${bad.value.toString(16).toUpperCase().padStart(2, '0')} at file offset ${bad.fileOffset})`
  return (
    `text is not valid UTF-8${where}; the file is probably Windows-1252/Latin-1 — ` +
    'export it again as UTF-8 (Excel: "CSV UTF-8")'
  )
}
