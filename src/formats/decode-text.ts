import type { ParseWarning } from './types'

/** Text read from a file's bytes, with the encoding that was used (a WHATWG encoding name). */
export interface DecodedText {
  readonly text: string
  readonly encoding: string
  readonly warnings: ParseWarning[]
}

const BOMS: readonly { bytes: readonly number[]; encoding: string }[] = [
  // UTF-32LE before UTF-16LE: its BOM begins with the UTF-16LE one.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
]

const SAMPLE = 4096

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const bom = BOMS.find(({ bytes: mark }) => mark.every((byte, i) => bytes[i] === byte))
  return bom && { encoding: bom.encoding, length: bom.bytes.length }
}

/**
 * Recognises UTF-32 and UTF-16 without a BOM by where the zero bytes fall: subtitle and transcript
 * text is mostly digits, punctuation and Latin letters, whose high bytes are zero.
 */
function sniffWideEncoding(bytes: Uint8Array): string | undefined {
  const length = Math.min(bytes.length, SAMPLE)
  // A few characters are no evidence: "a\0b" is more likely a stray NUL than UTF-16.
  if (length < 16) return undefined
  if (length % 4 === 0 && bytes.length % 4 === 0) {
    let le = 0
    let be = 0
    for (let i = 0; i < length; i += 4) {
      if (bytes[i + 2] === 0 && bytes[i + 3] === 0 && bytes[i] !== 0) le++
      if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 3] !== 0) be++
    }
    const units = length / 4
    if (le >= units * 0.9) return 'utf-32le'
    if (be >= units * 0.9) return 'utf-32be'
  }
  let zeroOdd = 0
  let zeroEven = 0
  for (let i = 0; i + 1 < length; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const units = Math.floor(length / 2)
  if (zeroOdd >= units * 0.3 && zeroEven <= units * 0.05) return 'utf-16le'
  if (zeroEven >= units * 0.3 && zeroOdd <= units * 0.05) return 'utf-16be'
  return undefined
}

/** TextDecoder has no UTF-32, so it is read here; invalid code points become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): { text: string; invalid: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: string[] = []
  let codePoints: number[] = []
  let invalid = 0
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian)
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      codePoints.push(0xfffd)
      invalid++
    } else codePoints.push(code)
    // fromCodePoint takes its input as arguments; keep each call well under the engines' limit.
    if (codePoints.length === 8192) {
      chunks.push(String.fromCodePoint(...codePoints))
      codePoints = []
    }
  }
  if (bytes.length % 4 !== 0) {
    codePoints.push(0xfffd)
    invalid++
  }
  chunks.push(String.fromCodePoint(...codePoints))
  return { text: chunks.join(''), invalid }
}

// Bytes 0x80–0x9F of Windows-1252 (0 marks the five undefined ones, which map to C1 controls).
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
]

/**
 * Windows-1252 by table: Node's TextDecoder (unlike browsers') reads the label as Latin-1, which
 * turns curly quotes and dashes (0x80–0x9F) into invisible control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = []
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] || byte : byte,
    )
    chunks.push(String.fromCharCode(...codes))
  }
  return chunks.join('')
}

/** Decodes with `encoding`; invalid bytes become U+FFFD and are counted. */
function decodeWith(encoding: string, bytes: Uint8Array): { text: string; invalid: boolean } {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') {
    const { text, invalid } = decodeUtf32(bytes, encoding === 'utf-32le')
    return { text, invalid: invalid > 0 }
  }
  if (encoding === 'windows-1252') return { text: decodeWindows1252(bytes), invalid: false }
  try {
    return {
      text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes),
      invalid: false,
    }
  } catch {
    return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), invalid: true }
  }
}

function isUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Chooses between GB18030 (which covers GB2312 and GBK) and Windows-1252 for bytes that are not
 * UTF-8: Chinese text is a run of byte pairs in the GB range, while Western text has accented
 * letters (bytes 0xC0–0xFF) alone between ASCII letters.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  let high = 0
  let hanziPairs = 0
  let lone = 0
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    if (byte < 0x80) continue
    const next = bytes[i + 1] ?? 0
    // GB2312 hanzi rows: lead 0xB0–0xF7, trail 0xA1–0xFE. Other GBK pairs count as neither.
    if (byte >= 0xb0 && byte <= 0xf7 && next >= 0xa1 && next <= 0xfe) {
      hanziPairs++
      high += 2
      i++
    } else if (byte >= 0x81 && byte <= 0xfe && next >= 0x40 && next <= 0xfe && next !== 0x7f) {
      high += next >= 0x80 ? 2 : 1
      i++
    } else {
      high++
      lone++
    }
  }
  return hanziPairs > 0 && hanziPairs * 2 >= high * 0.6 && lone <= hanziPairs
}

function describe(encoding: string): string {
  const names: Record<string, string> = {
    'utf-16le': 'UTF-16 (little-endian)',
    'utf-16be': 'UTF-16 (big-endian)',
    'utf-32le': 'UTF-32 (little-endian)',
    'utf-32be': 'UTF-32 (big-endian)',
    gb18030: 'GB18030 (Simplified Chinese, which includes GB2312)',
    'windows-1252': 'Windows-1252 (Western European)',
  }
  return names[encoding] ?? encoding.toUpperCase()
}

/**
 * Decodes a transcript file's bytes. A BOM decides (UTF-8, UTF-16 and UTF-32, either byte order);
 * without one, zero-byte patterns reveal UTF-16 or UTF-32, then strict UTF-8 is tried, and
 * otherwise a heuristic picks GB18030 or Windows-1252 and a warning names it. The BOM is removed
 * and NUL characters become U+FFFD.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const warnings: ParseWarning[] = []
  const name = fileName === '' ? 'The file' : `"${fileName}"`
  let encoding: string
  let text: string

  const bom = sniffBom(bytes)
  if (bom) {
    encoding = bom.encoding
    const decoded = decodeWith(encoding, bytes.subarray(bom.length))
    text = decoded.text
    if (decoded.invalid) {
      warnings.push({
        message: `${name} is marked as ${describe(encoding)} but has bytes that are not valid in it; they were replaced with "\uFFFD".`,
      })
    }
  } else {
    // Zero bytes are valid UTF-8, so UTF-16 of ASCII text would pass the UTF-8 test: sniff first.
    const wide = sniffWideEncoding(bytes)
    const utf8 = wide ? undefined : isUtf8(bytes)
    if (wide) {
      encoding = wide
      text = decodeWith(encoding, bytes).text
      warnings.push({
        message: `${name} has no byte order mark; it was read as ${describe(encoding)}, judging by its zero bytes.`,
      })
    } else if (utf8 !== undefined) {
      encoding = 'utf-8'
      text = utf8
    } else {
      encoding = looksLikeGb18030(bytes) ? 'gb18030' : 'windows-1252'
      text = decodeWith(encoding, bytes).text
      warnings.push({
        message: `${name} is not UTF-8; it was read as ${describe(encoding)}. If the text looks wrong, save the file as UTF-8 and import it again.`,
      })
    }
  }

  if (text.includes('\0')) {
    text = text.replace(/\0/g, '\uFFFD')
    warnings.push({ message: `${name} contains NUL characters; they were replaced with "\uFFFD".` })
  }
  return { text, encoding, warnings }
}
