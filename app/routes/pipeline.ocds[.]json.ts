import { allPublishedNotices } from '~/modules/pipeline/notices.server'
import { download, ocdsRelease, releasePackage } from '~/modules/pipeline/opendata.server'

// Deliberately public: an OCDS 1.1 release package of the latest release of every published notice.
export async function loader() {
  const releases = (await allPublishedNotices()).map((n) => ocdsRelease(n))
  return download(JSON.stringify(releasePackage(releases, '/pipeline/ocds.json'), null, 2), 'application/json; charset=utf-8', 'pipeline-ocds.json')
}
