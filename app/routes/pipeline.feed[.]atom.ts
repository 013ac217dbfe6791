import { recentRevisions } from '~/modules/pipeline/revisions.server'
import { atomFeed } from '~/modules/pipeline/opendata.server'

// Deliberately public: new and changed notices as an Atom feed.
export async function loader() {
  return new Response(atomFeed(await recentRevisions()), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
