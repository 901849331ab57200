/** One figure with its label, for dashboards. */
export function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {note ? <span className="stat-note">{note}</span> : null}
      </dd>
    </div>
  )
}
