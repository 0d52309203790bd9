import { XMLParser } from 'fast-xml-parser'
import { finishSegments, type RawSegment } from './finish-segments'
import { readDeclaredLanguage, toLanguageTag } from './language-tag'
import { TranscriptParseError, type ParsedTranscript, type ParseWarning } from './types'
import { decodeXml, isNode, list, readXml, type XmlNode } from './xml-text'

interface Annotation {
  readonly id: string
  readonly value: string
  /** Time slot ids, for alignable annotations. */
  readonly slots?: readonly [string, string]
  /** The annotation this one depends on, for reference annotations. */
  readonly ref?: string
}

interface Tier {
  readonly id: string
  readonly participant: string
  readonly type: string
  readonly parent: string
  readonly langRef: string
  /** `xml:lang`, read without its prefix. */
  readonly xmlLang: string
  readonly locale: string
  readonly annotations: readonly Annotation[]
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded below, once: the parser leaves numeric references undecoded.
  processEntities: false,
  isArray: (name) =>
    ['TIME_SLOT', 'TIER', 'ANNOTATION', 'LOCALE', 'LANGUAGE', 'MEDIA_DESCRIPTOR'].includes(name),
})

/**
 * Parses an ELAN annotation document (.eaf): the first time-aligned tier with text (parallel
 * tiers of the same type, one per participant, are merged), times from its time slots in ms.
 */
export function parseElanEaf(text: string): ParsedTranscript {
  // Checked before the XML is read: any other XML file gets the clearer message, and quickly.
  if (
    /^\s*</.test(text.replace(/^\uFEFF/, '')) &&
    !/<(?:[\w.-]+:)?ANNOTATION_DOCUMENT[\s>]/.test(text)
  ) {
    throw new TranscriptParseError('Not an ELAN file: the XML has no <ANNOTATION_DOCUMENT>.')
  }
  const root = readXml(text, parser, 'ELAN')
  const document = root.ANNOTATION_DOCUMENT
  if (!isNode(document)) {
    throw new TranscriptParseError('Not an ELAN file: the XML has no <ANNOTATION_DOCUMENT>.')
  }
  const warnings: ParseWarning[] = []
  const header = isNode(document.HEADER) ? document.HEADER : {}
  const units = attribute(header, 'TIME_UNITS') || 'milliseconds'
  if (units !== 'milliseconds') {
    warnings.push({
      message: `Time units "${units}" are not supported; times were read as milliseconds.`,
    })
  }
  const origin = timeOrigin(header, warnings)
  const slots = readTimeSlots(document, warnings)
  const tiers = list(document.TIER).filter(isNode).map(readTier)
  const locales = new Map(
    list(document.LOCALE)
      .filter(isNode)
      .map((node) => {
        const country = attribute(node, 'COUNTRY_CODE')
        const code = attribute(node, 'LANGUAGE_CODE')
        return [code, country ? `${code}-${country}` : code] as const
      }),
  )

  const withText = (tier: Tier) => tier.annotations.some((a) => a.value.trim() !== '')
  const aligned = tiers.filter((tier) => withText(tier) && tier.annotations.some((a) => a.slots))
  const first = aligned[0]
  let chosen: Tier[]
  let raw: RawSegment[]
  if (first !== undefined) {
    // ELAN transcripts often hold one tier per speaker: same type, no parent, another participant
    // (or none, the tier id naming the speaker).
    chosen = aligned.filter(
      (tier) =>
        tier === first ||
        (tier.parent === '' &&
          first.parent === '' &&
          tier.type === first.type &&
          (tier.participant === '' || tier.participant !== first.participant)),
    )
    const named = chosen.length > 1
    raw = chosen.flatMap((tier) => alignedSegments(tier, slots, origin, named))
  } else {
    const textTiers = tiers.filter(withText)
    const only = textTiers[0]
    if (only === undefined)
      throw new TranscriptParseError('The ELAN file has no annotation with text.')
    chosen = [only]
    raw = referenceSegments(only, tiers, slots, origin, warnings)
  }
  const left = tiers.filter((tier) => withText(tier) && !chosen.includes(tier))
  if (left.length > 0) {
    warnings.push({
      message: `Imported tier(s) ${chosen.map((t) => `"${t.id}"`).join(', ')}; left out ${left.map((t) => `"${t.id}"`).join(', ')}.`,
    })
  }
  const segments = finishSegments(raw, warnings)
  if (segments.length === 0)
    throw new TranscriptParseError('The ELAN file has no timed annotation with text.')
  const main = chosen[0]
  const language = main === undefined ? undefined : tierLanguage(main, document, locales, warnings)
  return {
    format: 'elan-eaf',
    segments,
    warnings,
    ...(language !== undefined ? { language } : {}),
    ...(chosen.length === 1 && main !== undefined ? { title: main.id } : {}),
  }
}

/** How much `text` looks like an ELAN .eaf document (0..1). */
export function looksLikeElanEaf(text: string, fileName?: string): number {
  const head = text.slice(0, 2000)
  let score = 0
  if (/<ANNOTATION_DOCUMENT[\s>]/.test(head)) score = text.includes('<TIME_ORDER') ? 0.95 : 0.8
  if (score > 0 && fileName !== undefined && /\.eaf$/i.test(fileName)) score += 0.05
  return Math.min(1, score)
}

/** A `<LANGUAGE>` of the document: `LANG_ID` (ISO 639-3 as ELAN writes it), its definition and label. */
interface LanguageEntry {
  readonly id: string
  readonly def: string
  readonly label: string
}

/** A tag from a `<LANGUAGE>`: its id, else the code in its definition's address or its label (`Spanish (spa)`). */
function tagOfEntry(entry: LanguageEntry): string | undefined {
  return (
    toLanguageTag(entry.id) ??
    toLanguageTag(/\/code\/([a-z]{3})\/?$/i.exec(entry.def)?.[1]) ??
    toLanguageTag(/\(([a-z]{2,3})\)\s*$/i.exec(entry.label)?.[1]) ??
    toLanguageTag(entry.label.split(/[;(]/)[0])
  )
}

const declared = (tag: string | undefined) => (tag === 'und' ? undefined : tag)

/**
 * The language of the imported tier: its `LANG_REF` (looked up among the document's
 * `<LANGUAGE>`s), its `xml:lang`, the document's one language when it lists only one (or its own
 * `xml:lang`), and last the tier's input locale (`DEFAULT_LOCALE`), which says how it was typed
 * more than what it says. `und` declares nothing. A reference that names no language is ignored
 * with a warning.
 */
function tierLanguage(
  tier: Tier,
  document: XmlNode,
  locales: ReadonlyMap<string, string>,
  warnings: ParseWarning[],
): string | undefined {
  const entries: LanguageEntry[] = list(document.LANGUAGE)
    .filter(isNode)
    .map((node) => ({
      id: attribute(node, 'LANG_ID'),
      def: attribute(node, 'LANG_DEF'),
      label: attribute(node, 'LANG_LABEL'),
    }))
  const field = `The tier "${tier.id}"`
  if (tier.langRef !== '') {
    const entry = entries.find((e) => e.id === tier.langRef)
    const tag =
      (entry && tagOfEntry(entry)) ?? readDeclaredLanguage(tier.langRef, warnings, { field })
    if (declared(tag) !== undefined) return tag
  }
  if (tier.xmlLang !== '') {
    const tag = declared(readDeclaredLanguage(tier.xmlLang, warnings, { field }))
    if (tag !== undefined) return tag
  }
  const listed = new Set(entries.map((e) => declared(tagOfEntry(e))))
  listed.delete(undefined)
  if (listed.size === 1) return [...listed][0]
  const own = attribute(document, 'lang')
  if (own !== '') {
    const tag = declared(readDeclaredLanguage(own, warnings, { field: 'The document' }))
    if (tag !== undefined) return tag
  }
  return declared(toLanguageTag(locales.get(tier.locale)))
}

function readTimeSlots(document: XmlNode, warnings: ParseWarning[]): Map<string, number> {
  const order = isNode(document.TIME_ORDER) ? document.TIME_ORDER : {}
  const slots = list(order.TIME_SLOT)
    .filter(isNode)
    .map((node) => {
      const value = attribute(node, 'TIME_VALUE')
      const ms = /^\s*\d+(?:\.\d*)?\s*$/.test(value) ? Number(value) : undefined
      return { id: attribute(node, 'TIME_SLOT_ID'), ms }
    })
  // Unaligned slots (no TIME_VALUE) sit between aligned ones in TIME_ORDER: interpolate by position.
  const nextAligned: number[] = []
  for (let i = slots.length - 1, next = slots.length; i >= 0; i--) {
    nextAligned[i] = next
    if (slots[i]!.ms !== undefined) next = i
  }
  let unaligned = 0
  const times = new Map<string, number>()
  let before = -1
  slots.forEach((slot, i) => {
    if (slot.ms !== undefined) {
      times.set(slot.id, slot.ms / 1000)
      before = i
      return
    }
    unaligned++
    const after = nextAligned[i]!
    const from = slots[before]?.ms
    const to = slots[after]?.ms
    let ms: number | undefined
    if (from !== undefined && to !== undefined)
      ms = from + ((to - from) * (i - before)) / (after - before)
    else ms = from ?? to
    if (ms !== undefined) times.set(slot.id, ms / 1000)
  })
  if (unaligned > 0) {
    warnings.push({
      message: `${unaligned} time slot(s) have no time; they were placed evenly between their aligned neighbours.`,
    })
  }
  return times
}

function timeOrigin(header: XmlNode, warnings: ParseWarning[]): number {
  const media = list(header.MEDIA_DESCRIPTOR).filter(isNode)[0]
  const value = media === undefined ? '' : attribute(media, 'TIME_ORIGIN')
  const ms = Number(value)
  if (value === '' || !Number.isFinite(ms) || ms === 0) return 0
  warnings.push({
    message: `The media starts ${ms / 1000} s before the annotation timeline (TIME_ORIGIN); times were shifted to the media.`,
  })
  return ms / 1000
}

function readTier(node: XmlNode): Tier {
  const annotations: Annotation[] = []
  for (const wrapper of list(node.ANNOTATION).filter(isNode)) {
    const aligned = wrapper.ALIGNABLE_ANNOTATION
    const reference = wrapper.REF_ANNOTATION
    if (isNode(aligned)) {
      annotations.push({
        id: attribute(aligned, 'ANNOTATION_ID'),
        value: textOf(aligned.ANNOTATION_VALUE),
        slots: [attribute(aligned, 'TIME_SLOT_REF1'), attribute(aligned, 'TIME_SLOT_REF2')],
      })
    } else if (isNode(reference)) {
      annotations.push({
        id: attribute(reference, 'ANNOTATION_ID'),
        value: textOf(reference.ANNOTATION_VALUE),
        ref: attribute(reference, 'ANNOTATION_REF'),
      })
    }
  }
  return {
    id: attribute(node, 'TIER_ID'),
    participant: attribute(node, 'PARTICIPANT').trim(),
    type: attribute(node, 'LINGUISTIC_TYPE_REF'),
    parent: attribute(node, 'PARENT_REF'),
    langRef: attribute(node, 'LANG_REF'),
    xmlLang: attribute(node, 'lang'),
    locale: attribute(node, 'DEFAULT_LOCALE'),
    annotations,
  }
}

function alignedSegments(
  tier: Tier,
  slots: ReadonlyMap<string, number>,
  origin: number,
  named: boolean,
): RawSegment[] {
  const speaker = tier.participant || (named ? tier.id : undefined)
  return tier.annotations.flatMap((annotation): RawSegment[] => {
    if (!annotation.slots) return []
    const start = slots.get(annotation.slots[0])
    const end = slots.get(annotation.slots[1])
    if (start === undefined) return []
    return [
      {
        start: start + origin,
        end: end === undefined ? undefined : end + origin,
        text: annotation.value.trim(),
        speaker,
      },
    ]
  })
}

/** Reference annotations have no time of their own: they take the span of the aligned annotation they depend on. */
function referenceSegments(
  tier: Tier,
  tiers: readonly Tier[],
  slots: ReadonlyMap<string, number>,
  origin: number,
  warnings: ParseWarning[],
): RawSegment[] {
  const byId = new Map<string, Annotation>()
  for (const t of tiers) for (const a of t.annotations) byId.set(a.id, a)
  let unresolved = 0
  const raw = tier.annotations.flatMap((annotation): RawSegment[] => {
    let current: Annotation | undefined = annotation
    // A chain of references ends at an aligned annotation; the bound stops a cycle.
    for (let depth = 0; current !== undefined && !current.slots && depth < 100; depth++) {
      current = current.ref === undefined ? undefined : byId.get(current.ref)
    }
    const start = current?.slots ? slots.get(current.slots[0]) : undefined
    if (start === undefined || current?.slots === undefined) {
      unresolved++
      return []
    }
    const end = slots.get(current.slots[1])
    return [
      {
        start: start + origin,
        end: end === undefined ? undefined : end + origin,
        text: annotation.value.trim(),
        speaker: tier.participant || undefined,
      },
    ]
  })
  if (unresolved > 0) {
    warnings.push({
      message: `${unresolved} annotation(s) could not be placed in time and were left out.`,
    })
  }
  return raw
}

function attribute(node: XmlNode, name: string): string {
  const value = node[name]
  return typeof value === 'string' ? decodeXml(value) : ''
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return decodeXml(value)
  if (isNode(value) && typeof value['#text'] === 'string') return decodeXml(value['#text'])
  return ''
}
