import { allOrganisations } from '~/modules/organisations/directory.server'
import { openDataCsv } from '~/modules/organisations/open-data.server'

// Deliberately public: the directory is open data.
export async function loader() {
  return new Response(openDataCsv(await allOrganisations()), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="organisations.csv"',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
