import { Form, Link, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Button } from './button'

/** The filter panel beside a list: a GET form, so filtered lists can be linked to and work without JavaScript. */
export function FilterForm({ label, clearTo, showClear = true, children }: { label: string; clearTo: string; showClear?: boolean; children: ReactNode }) {
  const location = useLocation()
  return (
    // Keyed by the query so the fields show the current filters after each search.
    <Form method="get" key={location.search} role="search" aria-label={label}>
      <h2 className="govuk-heading-m">Filter</h2>
      {children}
      <Button variant="secondary">Apply filters</Button>
      {showClear ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={clearTo}>
            Clear filters
          </Link>
        </p>
      ) : null}
    </Form>
  )
}
