import { expect, test, type Page } from '@playwright/test'
import { importCall, longTranscript, openCallDetails, ui } from './app'
import { STATEMENT } from './calls'

const transcripts = [{ name: 'statement.json', text: longTranscript(20, { step: 0.5 }) }]

/** The open call's id, from the address (`#/call/<id>`). */
function openCallId(page: Page): string {
  const id = /#\/call\/([0-9a-f]{16})/.exec(page.url())?.[1]
  if (!id) throw new Error(`no call open at ${page.url()}`)
  return id
}

/**
 * Alters one byte in the middle of a call's stored audio, as damage or tampering would, through
 * the raw IndexedDB API: no app code is involved.
 */
async function alterStoredAudio(page: Page, callId: string): Promise<void> {
  await page.evaluate(async (id) => {
    const settled = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    const db = await settled(indexedDB.open('verbatim'))
    const row = (await settled(db.transaction('audio').objectStore('audio').get(id))) as {
      callId: string
      blob: Blob
    }
    const bytes = new Uint8Array(await row.blob.arrayBuffer())
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff
    const write = db.transaction('audio', 'readwrite')
    write.objectStore('audio').put({ ...row, blob: new Blob([bytes], { type: row.blob.type }) })
    await new Promise<void>((resolve, reject) => {
      write.oncomplete = () => resolve()
      write.onerror = () => reject(write.error)
    })
    db.close()
  }, callId)
}

test('an imported call’s audio is verified on every load, and altered audio raises an alert', async ({
  page,
}) => {
  await page.goto('./')
  await importCall(page, { audio: STATEMENT.audio, transcripts, title: 'Statement' })
  await expect(page.getByText('Audio verified against the import')).toBeVisible({
    timeout: 15_000,
  })
  await expect(page.getByRole('alert')).toHaveCount(0)

  const callId = openCallId(page)
  await alterStoredAudio(page, callId)
  await page.reload()
  // Playback is not held up by the check.
  await ui(page).ready()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText(
    'The stored audio no longer matches the SHA-256 recorded at import',
    { timeout: 15_000 },
  )
  // The call id is the recorded hash's first 16 digits; the alert shows its first 12.
  await expect(alert).toContainText(`recorded ${callId.slice(0, 12)}, now `)
  await expect(alert).toContainText('should not be trusted until the original file is re-imported')
  await expect(alert.getByText(callId.slice(0, 12))).toHaveAttribute(
    'title',
    new RegExp(`^${callId}[0-9a-f]{48}$`),
  )
  await expect(page.getByText('Audio verified')).toHaveCount(0)
})

test('provenance edited after import keeps every change with its time', async ({ page }) => {
  await page.goto('./')
  await importCall(page, { audio: STATEMENT.audio, transcripts, title: 'Statement' })

  const edit = async (publisher: string) => {
    await openCallDetails(page)
    await page.getByRole('button', { name: 'Edit details and tracks' }).click()
    const dialog = page.getByRole('dialog', { name: /Edit/ })
    await dialog.getByRole('textbox', { name: 'Publisher or source' }).fill(publisher)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
  }
  await edit('Verbatim project')
  await edit('Verbatim project test suite')

  await openCallDetails(page)
  const provenance = page.getByRole('region', { name: 'Provenance' })
  await expect(provenance).toContainText('Verbatim project test suite')
  const history = provenance.getByRole('list', { name: 'Changes since import' })
  const stamp = /on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/
  await expect(history.getByRole('listitem')).toHaveText([
    /^Edited: Publisher set to “Verbatim project” on /,
    /^Edited: Publisher changed from “Verbatim project” to “Verbatim project test suite” on /,
  ])
  for (const item of await history.getByRole('listitem').all()) await expect(item).toHaveText(stamp)

  await page.reload()
  await openCallDetails(page)
  await expect(page.getByRole('region', { name: 'Provenance' }).getByRole('listitem')).toHaveCount(
    2,
  )
})
