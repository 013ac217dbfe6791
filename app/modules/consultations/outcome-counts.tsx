import { plural } from '~/lib/plural'
type Counts = {
  answered: number
  themes: Array<{ id: string; name: string; count: number }>
  choices: Array<{ value: string; label: string; count: number }> | null
}

/** Counts generated from the data, shown beside each question's summary. */
export function OutcomeCounts({ total, item }: { total: number; item: Counts }) {
  return (
    <>
      <p className="govuk-body">
        {item.answered} of {plural(total, 'response')} answered this question.
      </p>
      {item.choices ? (
        <ul className="govuk-list govuk-list--bullet">
          {item.choices.map((c) => (
            <li key={c.value}>
              {c.label}: {c.count}
            </li>
          ))}
        </ul>
      ) : null}
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
