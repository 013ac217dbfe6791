import { seedDemo } from './index'

const { sql } = await import('~/lib/db.server')
await seedDemo()
await sql.end()
