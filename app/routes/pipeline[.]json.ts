import { allPublishedNotices } from '~/modules/pipeline/notices.server'
import { download, pipelineJson } from '~/modules/pipeline/opendata.server'

// Deliberately public: the pipeline is open data.
export async function loader() {
  return download(JSON.stringify(pipelineJson(await allPublishedNotices()), null, 2), 'application/json; charset=utf-8', 'pipeline.json')
}
