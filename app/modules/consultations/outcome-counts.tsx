import { plural } from '~/lib/plural'
type Counts = {
  answered: number
  themes: Array<{ id: string; name: string; count: number }>
  choices: Row[] | null
  /** A grid's counts, statement by statement. */
  statements?: Array<{ value: string; statement: string; answered: number; rows: Row[] }> | null
}

type Row = { value: string; label: string; count: number }

function ChoiceCounts({ rows }: { rows: Row[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {rows.map((c) => (
        <li key={c.value}>
          {c.label}: {c.count.toLocaleString('en-GB')}
        </li>
      ))}
    </ul>
  )
}

/** Counts generated from the data, shown beside each question's summary. */
export function OutcomeCounts({ total, item }: { total: number; item: Counts }) {
  return (
    <>
      <p className="govuk-body">
        {item.answered.toLocaleString('en-GB')} of {plural(total, 'response')} answered this question.
      </p>
      {item.choices ? <ChoiceCounts rows={item.choices} /> : null}
      {item.statements?.map((s) => (
        <div key={s.value}>
          <p className="govuk-body">
            {s.statement} ({plural(s.answered, 'respondent')} answered this statement)
          </p>
          <ChoiceCounts rows={s.rows} />
        </div>
      ))}
      {item.themes.length ? (
        <>
          <p className="govuk-body">Themes raised:</p>
          <ul className="govuk-list govuk-list--bullet">
            {item.themes.map((t) => (
              <li key={t.id}>
                {t.name}: {plural(t.count, 'answer')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
