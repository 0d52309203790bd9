import { useCallback, useState } from 'react'

/** A message shown at the top of the page until dismissed; alerts say what went wrong. */
export interface Notice {
  readonly id: number
  readonly kind: 'status' | 'alert'
  readonly text: string
  readonly action?: { readonly label: string; readonly run: () => void }
  /** Called when the notice goes away without its action being taken. */
  readonly onDismiss?: () => void
}

let nextId = 0

/** The page's notices: add one, dismiss one, take one's action. */
export function useNotices() {
  const [notices, setNotices] = useState<readonly Notice[]>([])
  const add = useCallback((notice: Omit<Notice, 'id'>) => {
    setNotices((all) => [...all, { ...notice, id: ++nextId }])
  }, [])
  const dismiss = useCallback((id: number, acted = false) => {
    setNotices((all) => {
      const notice = all.find((n) => n.id === id)
      if (notice && !acted) notice.onDismiss?.()
      return all.filter((n) => n.id !== id)
    })
  }, [])
  return { notices, add, dismiss }
}
