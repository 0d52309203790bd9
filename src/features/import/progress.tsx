/** A labelled progress bar; a fraction of 0 shows as indeterminate until work is measured. */
export function Progress({ label, fraction }: { label: string; fraction: number }) {
  const percent = Math.round(fraction * 100)
  return (
    <div className="progress">
      <span>{label}</span>
      <progress aria-label={label} max={100} {...(fraction > 0 ? { value: percent } : {})} />
      <span className="progress-value">{fraction > 0 ? `${percent} %` : ''}</span>
    </div>
  )
}
