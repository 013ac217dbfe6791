import { Table } from '~/components/table'
import { plural } from '~/lib/plural'

/**
 * A horizontal bar chart drawn with CSS widths from a fixed scale of
 * classes (the CSP forbids inline styles), always followed by its data
 * table, which is what screen readers and copy-paste use.
 */
export function BarChart({
  id,
  caption,
  rows,
  base,
  labelHeader = 'Answer',
  countHeader = 'Responses',
  overlapNote = 'People could choose more than one answer, so the shares add up to more than 100%.',
  counting,
}: {
  /** Which responses the chart counts (campaigns, withdrawn, received offline), said under its caption. */
  counting?: string
  id: string
  caption: string
  /** What the rows are, heading the data table's first column. */
  labelHeader?: string
  /** What the counts are, heading the data table's count column. */
  countHeader?: string
  /** Said under the table when the rows add up to more than the base. */
  overlapNote?: string
  rows: Array<{ label: string; count: number }>
  /** What shares are of, when not the sum of the rows: the people who answered a question where they could choose more than one. */
  base?: { count: number; of: string }
}) {
  const max = Math.max(1, ...rows.map((r) => r.count))
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  const { count: whole, of } = base ?? { count: total, of: 'response' }
  if (!total || !whole)
    return (
      <figure className="app-chart" aria-labelledby={`${id}-caption`}>
        <figcaption className="govuk-heading-s" id={`${id}-caption`}>
          {caption}
        </figcaption>
        {counting ? <p className="govuk-body-s">{counting}</p> : null}
        <p className="govuk-body">No {of}s yet.</p>
      </figure>
    )
  return (
    <figure className="app-chart" aria-labelledby={`${id}-caption`}>
      <figcaption className="govuk-heading-s" id={`${id}-caption`}>
        {caption}
      </figcaption>
      {counting ? <p className="govuk-body-s">{counting}</p> : null}
      <div className="app-chart__bars" aria-hidden="true">
        {rows.map((r) => (
          <div className="app-chart__row" key={r.label}>
            <span className="app-chart__label govuk-body-s">{r.label}</span>
            <span className="app-chart__track">
              <span className={`app-chart__bar app-chart__bar--${r.count ? Math.max(5, Math.round((r.count / max) * 20) * 5) : 0}`} />
            </span>
            <span className="app-chart__value govuk-body-s">{r.count}</span>
          </div>
        ))}
      </div>
      <Table
        caption={`${caption}: data, shares of ${plural(whole, of)}`}
        captionSize="s"
        smallTextUntilTablet
        rowKey={(r) => r.label}
        rows={rows}
        firstCellIsHeader
        columns={[
          { header: labelHeader, cell: (r) => r.label },
          { header: countHeader, cell: (r) => r.count, numeric: true },
          { header: 'Share', cell: (r) => (whole ? `${Math.round((r.count / whole) * 100)}%` : '0%'), numeric: true },
        ]}
      />
      {total > whole ? <p className="govuk-body-s">{overlapNote}</p> : null}
    </figure>
  )
}
