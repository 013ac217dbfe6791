import { allPublishedNotices } from '~/modules/pipeline/notices.server'
import { download, pipelineCsv } from '~/modules/pipeline/opendata.server'

// Deliberately public: the pipeline is open data.
export async function loader() {
  return download(pipelineCsv(await allPublishedNotices()), 'text/csv; charset=utf-8', 'pipeline.csv')
}
