import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { download, ocdsRelease, releasePackage, snapshotOf } from '~/modules/pipeline/opendata.server'
import { noticePath } from '~/lib/paths'

/**
 * Deliberately public: every release of one notice, one per revision, each
 * built from the notice as it stood at that revision.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const revisions = await listRevisions(notice.id)
  const releases = revisions
    .slice()
    .reverse()
    .map((r) => ocdsRelease(snapshotOf(r.snapshot, notice), r))
  return download(JSON.stringify(releasePackage(releases, noticePath(notice.slug, 'ocds.json')), null, 2), 'application/json; charset=utf-8', `${notice.reference}-ocds.json`)
}
