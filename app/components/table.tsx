import { useId, type ReactNode } from 'react'
import { cx } from './class-names'

export type Column<Row> = {
  header: ReactNode
  cell: (row: Row) => ReactNode
  numeric?: boolean
}

export function Table<Row>({
  caption,
  captionSize = 'm',
  captionHidden,
  columns,
  rows,
  rowKey,
  firstCellIsHeader,
  smallTextUntilTablet,
}: {
  caption?: ReactNode
  captionSize?: 's' | 'm' | 'l'
  /** For a table whose heading above already says what it is: the caption stays for screen readers. */
  captionHidden?: boolean
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row, index: number) => string
  firstCellIsHeader?: boolean
  /** GOV.UK's smaller text on phones, for tables of figures that would not fit otherwise. */
  smallTextUntilTablet?: boolean
}) {
  const captionId = useId()
  return (
    <TableScroll labelledBy={caption ? captionId : undefined}>
      <table className={cx('govuk-table', smallTextUntilTablet && 'govuk-table--small-text-until-tablet')}>
        {caption ? (
          <caption id={captionId} className={captionHidden ? 'govuk-table__caption govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`}>
            {caption}
          </caption>
        ) : null}
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column, index) => (
              <th key={index} scope="col" className={cx('govuk-table__header', column.numeric && 'govuk-table__header--numeric')}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row, rowIndex) => (
            <tr key={rowKey(row, rowIndex)} className="govuk-table__row">
              {columns.map((column, index) =>
                index === 0 && firstCellIsHeader ? (
                  <th key={index} scope="row" className="govuk-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={cx('govuk-table__cell', column.numeric && 'govuk-table__cell--numeric')}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

/**
 * A table wider than the screen scrolls inside this box instead of making
 * the page scroll sideways; the box can take focus so keyboards can scroll it.
 */
export function TableScroll({ children, labelledBy, label }: { children: ReactNode; labelledBy?: string; label?: string }) {
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : (label ?? 'Table')}>
      {children}
    </div>
  )
}
