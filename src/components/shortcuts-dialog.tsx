import { useEffect, useRef } from 'react'
import { Icon } from './icons'

/** The keyboard shortcuts overlay: a modal dialog that closes with Esc or its button. */
export function ShortcutsDialog({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean
  onClose: () => void
  /** What to list, in order: src/app/shortcuts.ts, which the README's Keyboard table matches. */
  shortcuts: readonly { keys: readonly string[]; action: string }[]
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div className="dialog-header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <table>
        <tbody>
          {shortcuts.map(({ keys, action }) => (
            <tr key={action}>
              <td>
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' or '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-note">
        On the waveform: ← → move 5 s (Shift: 1 s), Page Up/Down 30 s, Home/End. Tab reaches every
        control.
      </p>
    </dialog>
  )
}
