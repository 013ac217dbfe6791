/**
 * What one capability shows on the home page or the staff dashboard. Each
 * capability's module has a small loader that returns one of these (for
 * example app/modules/organisations/home-block.server.ts); the pages only
 * lay them out, so adding a capability never means rewriting a page.
 */
export type CapabilityBlock = {
  /** Stable id, also the block's heading id. */
  id: string
  title: string
  /** One sentence saying what this part of the hub is for. */
  summary: string
  link: { href: string; text: string }
  /** Headline numbers, such as "12 organisations"; with an href they link to the list behind them. */
  figures?: Array<{ value: number; label: string; href?: string }>
  itemsHeading?: string
  items?: Array<{ href: string; title: string; meta?: string }>
  /** Shown instead of the items when there are none yet. */
  emptyText?: string
  /** Further links, such as "Your organisations" for a signed-in person. */
  extraLinks?: Array<{ href: string; text: string }>
}

/**
 * Blocks are the same for everyone signed in (or everyone signed out), so the
 * home page keeps them per process (see sharedData); a block never sees who
 * is asking.
 */
export type BlockContext = {
  signedIn: boolean
}

export type BlockLoader = (context: BlockContext) => Promise<CapabilityBlock | null>
