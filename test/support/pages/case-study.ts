import type { Journey } from '../browser'

/** A published What Works case study's page, and what a signed-in reader does on it; each step waits for the page's confirmation. */
export class CaseStudyPage {
  constructor(
    readonly journey: Journey,
    readonly path: string,
  ) {}

  async open() {
    await this.journey.goto(this.path)
  }

  async rate(stars: 1 | 2 | 3 | 4 | 5) {
    await this.journey.check(stars === 1 ? '1 star' : `${stars} stars`)
    await this.journey.submit('Save rating')
    await this.journey.page.getByText('Your rating has been saved.').waitFor()
  }

  async comment(text: string) {
    await this.journey.fill('Add a comment', text)
    await this.journey.submit('Post comment')
    await this.journey.page.getByText('Your comment has been posted.').waitFor()
  }

  async validate(evidence: string) {
    await this.journey.fill('What evidence have you seen? (optional)', evidence)
    await this.journey.submit('Validate these outcomes')
    await this.journey.page.getByText('your validation of these outcomes has been recorded').waitFor()
  }

  /** Replies to a person's comment, quoting it. */
  async reply(to: string, text: string) {
    await this.journey.followLink(`Quote ${to}`)
    await this.journey.page.getByText(`Quoting ${to}:`).waitFor()
    await this.journey.fill(`Reply to ${to}`, text)
    await this.journey.submit('Post reply')
  }

  /** Opens the report form for a person's comment. */
  async reportCommentBy(name: string) {
    await this.journey.followLink(`Report comment by ${name}`)
    await this.journey.expectHeading('Report a comment')
  }
}
