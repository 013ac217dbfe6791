import { consultationsOpenData } from '~/modules/consultations/open-data.server'

// Deliberately public open data.
export async function loader() {
  const body = await consultationsOpenData()
  return new Response(JSON.stringify({ consultations: body }, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
