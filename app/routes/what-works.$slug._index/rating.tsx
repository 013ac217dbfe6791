import { Link } from '@remix-run/react'
import { plural } from '~/lib/plural'

export function RatingText({ rating }: { rating: { count: number; mean: number | null; score: number } }) {
  if (!rating.count) return <>Not rated yet.</>
  return (
    <>
      <strong>Usefulness score {rating.score.toFixed(1)} out of 5</strong> from {plural(rating.count, 'rating')} (average rating {rating.mean?.toFixed(1)}).{' '}
      <Link className="govuk-link" to="/what-works/about-scores">
        How the score is worked out
      </Link>
    </>
  )
}
