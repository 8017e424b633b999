import { describeBadByte, prepareInput } from './input'
import type { ByteSource, InputOptions } from './input'

/**
 * Streams the records of a JSON array file or an NDJSON file (one JSON value per line) without
 * holding the file in memory. Each record comes with the line it starts on; a record that is not
 * valid JSON is a row error and the next one is read.
 */

export type JsonItem =
  { ok: true; line: number; value: unknown } | { ok: false; line: number; reason: string }

const QUOTE = 34
const BACKSLASH = 92
const NEWLINE = 10

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

function parseItem(text: string, line: number): JsonItem {
  try {
    return { ok: true, line, value: JSON.parse(text) as unknown }
  } catch (err) {
    return { ok: false, line, reason: `not valid JSON: ${(err as Error).message}` }
  }
}

export async function* readJsonRecords(
  source: ByteSource,
  options: InputOptions = {},
): AsyncGenerator<JsonItem> {
  const input = await prepareInput(source, options)
  const decoder = new TextDecoder('utf-8')
  let badIndex = 0
  const checked = (item: JsonItem, text: string): JsonItem => {
    if (item.ok && input.sawBadBytes && text.includes('\uFFFD')) {
      return { ok: false, line: item.line, reason: describeBadByte(input.badBytes[badIndex++]) }
    }
    return item
  }

  let mode: 'array' | 'lines' | null = null
  let text = '' // unscanned text plus the record being read
  let i = 0 // scan position in text
  let line = 1 // line of text[i]
  // array mode
  let start = -1 // start of the current element in text
  let startLine = 0
  let depth = 0 // 1 = directly inside the top-level array
  let inString = false
  let escaped = false
  let closed = false

  function* scanLines(final: boolean): Generator<JsonItem> {
    for (;;) {
      const nl = text.indexOf('\n', i)
      if (nl === -1 && !final) return
      const end = nl === -1 ? text.length : nl
      const row = text.slice(i, end).trim()
      if (row !== '') yield checked(parseItem(row, line), row)
      if (nl === -1) {
        i = text.length
        return
      }
      i = nl + 1
      line++
    }
  }

  function* endElement(end: number): Generator<JsonItem> {
    const t = text.slice(start, end)
    start = -1
    yield checked(parseItem(t, startLine), t)
  }

  function* scanArray(): Generator<JsonItem> {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === NEWLINE) line++
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) inString = false
        continue
      }
      if (isSpace(c)) continue
      if (closed) {
        yield { ok: false, line, reason: 'unexpected text after the end of the JSON array' }
        i = text.length
        return
      }
      const begins = depth === 1 && start === -1 && c !== 44 && c !== 93 // not "," or "]"
      if (begins) {
        start = i
        startLine = line
      }
      if (c === QUOTE) inString = true
      else if (c === 123 || c === 91)
        depth++ // { [
      else if (c === 125 || c === 93) {
        // } ]
        depth--
        if (depth === 1 && start !== -1) yield* endElement(i + 1)
        else if (depth === 0) {
          if (start !== -1) yield* endElement(i) // a number, true, false or null before "]"
          closed = true
        }
      } else if (c === 44 && depth === 1 && start !== -1) yield* endElement(i) // "," after a primitive
    }
  }

  for await (const chunk of input.chunks()) {
    text += decoder.decode(chunk, { stream: true })
    if (mode === null) {
      const first = text.trimStart()
      if (first === '') continue
      if (first.startsWith('[')) {
        mode = 'array'
        // step over the leading blanks and the "[" itself
        const at = text.indexOf('[')
        for (let k = 0; k < at; k++) if (text.charCodeAt(k) === NEWLINE) line++
        i = at + 1
        depth = 1
      } else mode = 'lines'
    }
    if (mode === 'lines') {
      yield* scanLines(false)
      text = text.slice(i)
      i = 0
    } else {
      yield* scanArray()
      // keep only the element being read
      if (start === -1) {
        text = ''
        i = 0
      } else {
        text = text.slice(start)
        i -= start
        start = 0
      }
    }
  }
  text += decoder.decode()
  if (mode === 'lines') yield* scanLines(true)
  else if (mode === 'array') {
    yield* scanArray()
    if (start !== -1) {
      yield {
        ok: false,
        line: startLine,
        reason: 'this JSON value is never closed; the rest of the file was not read',
      }
    } else if (!closed) {
      yield { ok: false, line, reason: 'the JSON array is never closed ("]" missing at the end of the file)' }
    }
  }
}
