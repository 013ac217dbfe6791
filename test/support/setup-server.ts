import { beforeEach } from 'vitest'
import { cloneTemplate, emptyTables } from './database'

// Each worker has a database of its own; every test starts from empty tables.
const url = await cloneTemplate(`test_${process.env.VITEST_POOL_ID ?? '0'}`)
process.env.DATABASE_URL = url
process.env.NODE_ENV = 'test'
process.env.APP_URL ??= 'http://localhost:3000'
delete process.env.MEILI_URL

beforeEach(emptyTables)
