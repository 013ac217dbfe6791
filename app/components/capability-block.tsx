import { Link } from '@remix-run/react'
import type { CapabilityBlock } from '~/modules/home/blocks'

/** One capability's block on the home page or the staff dashboard. */
export function CapabilityBlockView({ block, headingLevel = 2 }: { block: CapabilityBlock; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4'
  return (
    <section className="app-capability-block" aria-labelledby={`block-${block.id}`}>
      <Heading className="govuk-heading-m" id={`block-${block.id}`}>
        <Link className="govuk-link" to={block.link.href}>
          {block.title}
        </Link>
      </Heading>
      <p className="govuk-body">{block.summary}</p>
      {block.figures?.length ? (
        <ul className="govuk-list">
          {block.figures.map((figure) => {
            const text = (
              <>
                <span className="govuk-!-font-weight-bold govuk-!-font-size-24">{figure.value.toLocaleString('en-GB')}</span> {figure.label}
              </>
            )
            return (
              <li key={figure.label}>
                {figure.href ? (
                  <Link className="govuk-link govuk-link--no-visited-state" to={figure.href}>
                    {text}
                  </Link>
                ) : (
                  text
                )}
              </li>
            )
          })}
        </ul>
      ) : null}
      {block.items ? (
        block.items.length ? (
          <>
            {block.itemsHeading ? <SubHeading className="govuk-heading-s govuk-!-margin-bottom-2">{block.itemsHeading}</SubHeading> : null}
            <ul className="govuk-list govuk-list--spaced">
              {block.items.map((item, index) => (
                <li key={`${item.href}-${index}`}>
                  <Link className="govuk-link" to={item.href}>
                    {item.title}
                  </Link>
                  {item.meta ? <span className="govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{item.meta}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : block.emptyText ? (
          <p className="govuk-body">{block.emptyText}</p>
        ) : null
      ) : null}
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link govuk-!-font-weight-bold" to={block.link.href}>
            {block.link.text}
          </Link>
        </li>
        {block.extraLinks?.map((link) => (
          <li key={link.href}>
            <Link className="govuk-link" to={link.href}>
              {link.text}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Blocks two to a row on wide screens, stacked on narrow ones. */
export function CapabilityBlockGrid({ blocks, headingLevel = 2 }: { blocks: CapabilityBlock[]; headingLevel?: 2 | 3 }) {
  const rows: CapabilityBlock[][] = []
  for (let i = 0; i < blocks.length; i += 2) rows.push(blocks.slice(i, i + 2))
  return (
    <>
      {rows.map((row) => (
        <div className="govuk-grid-row" key={row.map((b) => b.id).join('-')}>
          {row.map((block) => (
            <div className="govuk-grid-column-one-half" key={block.id}>
              <CapabilityBlockView block={block} headingLevel={headingLevel} />
            </div>
          ))}
        </div>
      ))}
    </>
  )
}
