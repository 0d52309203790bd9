/** Saves a Blob as a file through the browser's download, without leaving the page. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its reference once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Saves text as a file through the browser's download, without leaving the page. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${mimeType};charset=utf-8` }))
}
