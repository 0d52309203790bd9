import { Icon } from './icons'

interface NoticeView {
  readonly id: number
  readonly kind: 'status' | 'alert'
  readonly text: string
  readonly action?: { readonly label: string; readonly run: () => void }
}

/** Notices at the top of the main area: alerts for failures, statuses for what succeeded. */
export function NoticeList({
  notices,
  onDismiss,
}: {
  notices: readonly NoticeView[]
  onDismiss: (id: number, acted?: boolean) => void
}) {
  if (notices.length === 0) return null
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          role={notice.kind}
          className={notice.kind === 'alert' ? 'notice error' : 'notice'}
        >
          <span className="notice-text">{notice.text}</span>
          {notice.action && (
            <button
              type="button"
              className="text-button"
              onClick={() => {
                notice.action?.run()
                onDismiss(notice.id, true)
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => onDismiss(notice.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  )
}
