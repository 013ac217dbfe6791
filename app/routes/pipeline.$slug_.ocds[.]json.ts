import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { download, ocdsRelease, releasePackage } from '~/modules/pipeline/opendata.server'
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

type Notice = NonNullable<Awaited<ReturnType<typeof getPublishedNotice>>>

/** Snapshots are stored as JSON; dates come back as strings. */
function snapshotOf(snapshot: Record<string, unknown>, fallback: Notice): Notice {
  const s = { ...fallback, ...snapshot } as Notice
  for (const key of ['publishedAt', 'lastUpdatedAt', 'createdAt', 'updatedAt'] as const) {
    const v = s[key] as unknown
    ;(s as Record<string, unknown>)[key] = v ? new Date(v as string) : null
  }
  return s
}
