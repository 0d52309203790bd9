/** The provenance fields both the Import and the Edit dialogs ask for. */
export type ProvenanceInput =
  'publisher' | 'sourceUrl' | 'published' | 'audioOrigin' | 'transcribedBy' | 'translatedBy'

/** A field's value and change handler, as each dialog keeps its own form state. */
export interface BoundField {
  readonly value: string
  readonly onChange: (event: { target: { value: string } }) => void
}

/** Binds the fields both dialogs have. */
export type BindField = (key: Exclude<ProvenanceInput, 'published'>) => BoundField

/**
 * Where the recording comes from: publisher, address, publication date (where the dialog asks for
 * it), whether the audio is the original, and who transcribed and translated it. `describedBy`
 * points the first field at a hint about these fields.
 */
export function ProvenanceInputs({
  bind,
  published,
  describedBy,
}: {
  bind: BindField
  published?: BoundField
  describedBy?: string
}) {
  return (
    <>
      <label>
        Publisher or source
        <input type="text" aria-describedby={describedBy} {...bind('publisher')} />
      </label>
      <label>
        Source address
        <input type="url" placeholder="https://…" {...bind('sourceUrl')} />
      </label>
      {published && (
        <label>
          Published
          <input type="text" {...published} />
        </label>
      )}
      <label>
        Audio
        <select {...bind('audioOrigin')}>
          <option value="original">original recording</option>
          <option value="synthetic">synthetic or re-voiced</option>
        </select>
      </label>
      <label>
        Transcribed by
        <input type="text" {...bind('transcribedBy')} />
      </label>
      <label>
        Translated by
        <input type="text" {...bind('translatedBy')} />
      </label>
    </>
  )
}
