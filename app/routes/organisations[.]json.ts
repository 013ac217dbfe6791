import { allOrganisations } from '~/modules/organisations/directory.server'
import { openDataRecords } from '~/modules/organisations/open-data.server'

// Deliberately public: the directory is open data.
export async function loader() {
  const records = openDataRecords(await allOrganisations())
  return new Response(JSON.stringify({ organisations: records }, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
