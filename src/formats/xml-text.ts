import { XMLValidator, type XMLParser } from 'fast-xml-parser'
import { TranscriptParseError } from './types'

/*
 * Helpers shared by the XML importers (ELAN, OHMS): reading the document with clear errors, its
 * nodes, and entities. Their parsers do not decode entities (`processEntities: false`: they would
 * leave numeric references undecoded); decodeXml decodes them all, once.
 */

export type XmlNode = Record<string, unknown>

/**
 * Validates and parses an XML file. `format` names it in errors (`ELAN`, `OHMS`); anything that
 * is not well-formed XML becomes a TranscriptParseError, with a line where the validator gives one.
 */
export function readXml(text: string, parser: XMLParser, format: string): XmlNode {
  const source = text.replace(/^\uFEFF/, '')
  if (source.trim() === '') throw new TranscriptParseError(`The ${format} file is empty.`)
  if (!/^\s*</.test(source)) {
    throw new TranscriptParseError(`Not an ${format} file: it is not XML.`, 1)
  }
  const valid = XMLValidator.validate(source)
  if (valid !== true) {
    throw new TranscriptParseError(`Not well-formed XML: ${valid.err.msg}`, valid.err.line)
  }
  try {
    const parsed: unknown = parser.parse(source)
    return isNode(parsed) ? parsed : {}
  } catch (error) {
    throw new TranscriptParseError(`The XML could not be read: ${(error as Error).message}`)
  }
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A child that may occur once or more as a list: nothing, one node or an array. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
}

/** Decodes the predefined entities and numeric character references; others stay as written. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
    return XML_ENTITIES[name] ?? entity
  })
}
