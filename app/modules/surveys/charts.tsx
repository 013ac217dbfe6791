import { Table } from '~/components/table'
import type { Bar, Comparison, QuestionResult } from './results.server'

const BLUE = '#1d70b8'
const TEXT = '#0b0c0c'
const ROW = 30
const LABEL_WIDTH = 230
const BAR_WIDTH = 300

function truncate(label: string, max = 34) {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label
}

/**
 * A horizontal bar chart drawn on the server. It carries a short text
 * alternative; the table beside it holds every figure, so nothing is only
 * in the picture. Presentation attributes, not style attributes, keep the
 * page within the content security policy.
 */
export function BarChart({ id, title, bars }: { id: string; title: string; bars: Array<{ label: string; percent: number; count: number }> }) {
  const height = bars.length * ROW + 10
  const top = [...bars].sort((a, b) => b.count - a.count)[0]
  return (
    <svg
      className="app-chart"
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 70} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{`${title}. ${top && top.count ? `Most common: ${top.label}, ${top.percent}%.` : 'No answers yet.'} Figures are in the table below.`}</title>
      {bars.map((bar, i) => {
        const y = i * ROW + 5
        const width = Math.max(0, Math.round((bar.percent / 100) * BAR_WIDTH))
        return (
          <g key={`${bar.label}-${i}`}>
            <text x={LABEL_WIDTH - 8} y={y + 19} textAnchor="end" fontSize="15" fill={TEXT}>
              {truncate(bar.label)}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 10} fill={BLUE} />
            <text x={LABEL_WIDTH + width + 6} y={y + 19} fontSize="15" fill={TEXT}>
              {`${bar.percent}%`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

function BarsTable({ caption, bars }: { caption: string; bars: Bar[] }) {
  return (
    <Table
      smallTextUntilTablet
      caption={caption}
      captionSize="s"
      firstCellIsHeader
      rows={bars}
      rowKey={(b) => b.value}
      columns={[
        { header: 'Answer', cell: (b) => b.label },
        { header: 'Responses', cell: (b) => b.count, numeric: true },
        { header: 'Per cent', cell: (b) => `${b.percent}%`, numeric: true },
      ]}
    />
  )
}

/** One question's results: the chart, its data table, and the figures that suit its type. */
export function QuestionResultView({ result, search }: { result: QuestionResult; search?: string }) {
  const id = `result-${result.id}`
  return (
    <section className="app-survey-result" aria-labelledby={`${id}-heading`}>
      <h3 className="govuk-heading-s" id={`${id}-heading`}>
        {result.label}: {result.text}
      </h3>
      <p className="govuk-body-s">
        {result.answered} {result.answered === 1 ? 'answer' : 'answers'}
      </p>
      {result.mean !== null ? (
        <p className="govuk-body">
          Mean rating: <strong>{result.mean}</strong> out of 10
        </p>
      ) : null}
      {result.nps ? (
        <Table
      smallTextUntilTablet
          caption="Net Promoter-style split (9 to 10 promoters, 7 to 8 passives, 0 to 6 detractors)"
          captionSize="s"
          firstCellIsHeader
          rows={[
            { k: 'Promoters', v: `${result.nps.promoters}%` },
            { k: 'Passives', v: `${result.nps.passives}%` },
            { k: 'Detractors', v: `${result.nps.detractors}%` },
            { k: 'Net score', v: String(result.nps.score) },
          ]}
          rowKey={(r) => r.k}
          columns={[
            { header: 'Group', cell: (r) => r.k },
            { header: 'Share', cell: (r) => r.v, numeric: true },
          ]}
        />
      ) : null}
      {result.bars ? (
        <>
          <BarChart id={id} title={`${result.label} answers`} bars={result.bars} />
          <BarsTable caption={`${result.label} answers`} bars={result.bars} />
        </>
      ) : null}
      {result.ranks ? (
        <>
          <BarChart
            id={id}
            title={`${result.label} share of first places`}
            bars={result.ranks.map((r) => ({ label: r.label, count: r.firstPlaces, percent: result.answered ? Math.round((r.firstPlaces / result.answered) * 1000) / 10 : 0 }))}
          />
          <Table
      smallTextUntilTablet
            caption={`${result.label} ranks, highest first (1 is the top place)`}
            captionSize="s"
            firstCellIsHeader
            rows={result.ranks}
            rowKey={(r) => r.value}
            columns={[
              { header: 'Option', cell: (r) => r.label },
              { header: 'Average place', cell: (r) => (r.meanRank === null ? 'Not ranked' : r.meanRank), numeric: true },
              { header: 'Ranked first', cell: (r) => r.firstPlaces, numeric: true },
            ]}
          />
        </>
      ) : null}
      {result.texts ? (
        result.texts.length ? (
          <ul className="govuk-list govuk-list--bullet">
            {result.texts.map((t, i) => (
              <li key={i} className="app-preserve-lines">
                {t}
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">{search ? `No answers contain “${search}”.` : 'No answers yet.'}</p>
        )
      ) : null}
    </section>
  )
}

const signed = (n: number | null, unit: string) => (n === null ? 'Not comparable' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)} ${unit}`)

export function ComparisonView({ comparison, currentYear }: { comparison: Comparison; currentYear: number }) {
  return (
    <Table
      smallTextUntilTablet
      caption={`${comparison.label}: ${comparison.text} (${comparison.previousLabel} in ${comparison.previousYear})`}
      captionSize="s"
      firstCellIsHeader
      rows={comparison.rows}
      rowKey={(r) => r.label}
      columns={[
        { header: 'Measure', cell: (r) => r.label },
        { header: String(comparison.previousYear), cell: (r) => r.previous ?? '–', numeric: true },
        { header: String(currentYear), cell: (r) => r.current ?? '–', numeric: true },
        { header: 'Change', cell: (r) => signed(r.change, r.unit), numeric: true },
      ]}
    />
  )
}
