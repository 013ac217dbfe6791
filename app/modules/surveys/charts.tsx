import { Table } from '~/components/table'
import type { Bar, Comparison, QuestionResult } from './results.server'
import { plural } from '~/lib/plural'

/** Shares in a column line up and read alike: one decimal place, as "41.0%" beside "12.8%". */
const percent = (n: number) => `${n.toFixed(1)}%`

/**
 * A horizontal bar chart in HTML, with widths from a fixed scale of classes
 * (the content security policy forbids inline styles), so its labels use
 * the page's font, wrap on small screens and are never cut off. It is a
 * picture of the table that always follows it, which is what screen readers
 * and copy-paste use.
 */
export function BarChart({ bars }: { title: string; bars: Array<{ label: string; percent: number; count: number }> }) {
  return (
    <div className="app-chart" aria-hidden="true">
      {bars.map((bar, i) => (
        <div className="app-chart__row" key={`${bar.label}-${i}`}>
          <span className="app-chart__label govuk-body-s">{bar.label}</span>
          <span className="app-chart__track">
            <span className={`app-chart__bar app-chart__bar--${Math.min(100, Math.round(bar.percent / 5) * 5)}`} />
          </span>
          <span className="app-chart__value govuk-body-s">{percent(bar.percent)}</span>
        </div>
      ))}
    </div>
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
        { header: 'Per cent', cell: (b) => percent(b.percent), numeric: true },
      ]}
    />
  )
}

/** What a question's shares are of: the people who answered it, as consultations' analysis says it. */
const shareBase = (answered: number) => `shares of the ${plural(answered, 'respondent')} who answered`

/** One question's results: the chart, its data table, and the figures that suit its type. */
export function QuestionResultView({ result, search }: { result: QuestionResult; search?: string }) {
  const id = `result-${result.id}`
  const unanswered = !result.answered && !result.texts
  return (
    <section className="app-survey-result" aria-labelledby={`${id}-heading`}>
      <h3 className="govuk-heading-s" id={`${id}-heading`}>
        {result.label}: {result.text}
      </h3>
      <p className="govuk-body-s">{plural(result.answered, 'answer')}</p>
      {unanswered ? <p className="govuk-body">Nobody has answered this question yet.</p> : null}
      {result.mean !== null ? (
        <p className="govuk-body">
          Mean rating: <strong>{result.mean}</strong> out of 10
        </p>
      ) : null}
      {result.nps && !unanswered ? (
        <Table
          smallTextUntilTablet
          caption={`Net Promoter-style split (9 to 10 promoters, 7 to 8 passives, 0 to 6 detractors), ${shareBase(result.answered)}`}
          captionSize="s"
          firstCellIsHeader
          rows={[
            { k: 'Promoters', v: percent(result.nps.promoters) },
            { k: 'Passives', v: percent(result.nps.passives) },
            { k: 'Detractors', v: percent(result.nps.detractors) },
            { k: 'Net score', v: String(result.nps.score) },
          ]}
          rowKey={(r) => r.k}
          columns={[
            { header: 'Group', cell: (r) => r.k },
            { header: 'Share', cell: (r) => r.v, numeric: true },
          ]}
        />
      ) : null}
      {result.bars && !unanswered ? (
        <>
          <BarChart title={`${result.label} answers`} bars={result.bars} />
          <BarsTable caption={`${result.label} answers, ${shareBase(result.answered)}`} bars={result.bars} />
          {result.type === 'multiple_choice' ? <p className="govuk-body-s">People could choose more than one answer, so the shares add up to more than 100%.</p> : null}
        </>
      ) : null}
      {result.ranks && !unanswered ? (
        <>
          <p className="govuk-body">Share of those who answered who put each option first:</p>
          <BarChart title={`${result.label} share ranked first`} bars={result.ranks.map((r) => ({ label: r.label, count: r.firstPlaces, percent: r.firstShare }))} />
          <Table
            smallTextUntilTablet
            caption={`${result.label} places, ${shareBase(result.answered)} (1 is the top place)`}
            captionSize="s"
            firstCellIsHeader
            rows={result.ranks}
            rowKey={(r) => r.value}
            columns={[
              { header: 'Option', cell: (r) => r.label },
              { header: 'Ranked first', cell: (r) => `${r.firstPlaces} (${percent(r.firstShare)})`, numeric: true },
              { header: 'Average place', cell: (r) => (r.meanRank === null ? 'Not ranked' : r.meanRank.toFixed(1)), numeric: true },
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

/** A year's figure in a comparison: one decimal place so a column lines up, the net score whole, and a true minus sign. */
const figure = (n: number | null, label: string) => (n === null ? '–' : `${n < 0 ? '−' : ''}${Math.abs(n).toFixed(label.startsWith('Net score') ? 0 : 1)}`)

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
        { header: String(comparison.previousYear), cell: (r) => figure(r.previous, r.label), numeric: true },
        { header: String(currentYear), cell: (r) => figure(r.current, r.label), numeric: true },
        { header: 'Change', cell: (r) => signed(r.change, r.unit), numeric: true },
      ]}
    />
  )
}
