import type { MetaFunction } from '@remix-run/node'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { pageTitle } from '~/lib/meta'
import { EVIDENCE_METHODS, RATING_PRIOR_MEAN, RATING_PRIOR_WEIGHT } from '~/modules/case-studies/options'

export const meta: MetaFunction = () => [
  { title: pageTitle('How scores and evidence levels work', 'What Works') },
  { name: 'description', content: 'How What Works case studies are scored for usefulness and given an evidence level from 1 to 4.' },
]

// Deliberately public: an explanation page.
export default function AboutScores() {
  return (
    <PageContainer before={<BackLink to="/what-works">Back to What Works</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">How scores and evidence levels work</h1>
          <h2 className="govuk-heading-m">Usefulness score</h2>
          <p className="govuk-body">
            Members of other organisations rate case studies from 1 to 5 stars for usefulness. Nobody rates their own organisation’s case studies, and each person rates a case study once (they can
            change their rating).
          </p>
          <p className="govuk-body">
            The score shown is not the plain average. Every case study starts as if it already had {RATING_PRIOR_WEIGHT} ratings of {RATING_PRIOR_MEAN} stars, and real ratings pull the score away from
            there. A case study with one 5-star rating scores 3.3; one with twenty 4-star ratings scores 3.8. So a single enthusiastic rating cannot put a case study above one that many people found
            useful. The number of ratings is always shown beside the score.
          </p>
          <h2 className="govuk-heading-m">Evidence levels</h2>
          <p className="govuk-body">In the manner of the UK What Works centres, the evidence level follows how the outcome figures were gathered:</p>
          <ol className="govuk-list govuk-list--number">
            {EVIDENCE_METHODS.map((m) => (
              <li key={m.value}>
                {m.label}: {m.hint.toLowerCase()}.
              </li>
            ))}
          </ol>
          <p className="govuk-body">
            Members of other organisations can validate the outcome figures when they have seen the evidence behind them, and the department marks case studies it has checked as verified.
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
