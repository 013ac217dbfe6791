import { Table } from '~/components/table'

/**
 * A horizontal bar chart drawn with CSS widths from a fixed scale of
 * classes (the CSP forbids inline styles), always followed by its data
 * table, which is what screen readers and copy-paste use.
 */
export function BarChart({ id, caption, rows }: { id: string; caption: string; rows: Array<{ label: string; count: number }> }) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  return (
    <figure className="app-chart" aria-labelledby={`${id}-caption`}>
      <figcaption className="govuk-heading-s" id={`${id}-caption`}>
        {caption}
      </figcaption>
      <div className="app-chart__bars" aria-hidden="true">
        {rows.map((r) => (
          <div className="app-chart__row" key={r.label}>
            <span className="app-chart__label govuk-body-s">{r.label}</span>
            <span className={`app-chart__bar app-chart__bar--${Math.round((r.count / max) * 20) * 5}`} />
            <span className="app-chart__value govuk-body-s">{r.count}</span>
          </div>
        ))}
      </div>
      <Table
        caption={`${caption}: data`}
        captionSize="s"
        rowKey={(r) => r.label}
        rows={rows}
        firstCellIsHeader
        columns={[
          { header: 'Answer', cell: (r) => r.label },
          { header: 'Responses', cell: (r) => r.count, numeric: true },
          { header: 'Share', cell: (r) => (total ? `${Math.round((r.count / total) * 100)}%` : '0%'), numeric: true },
        ]}
      />
    </figure>
  )
}
