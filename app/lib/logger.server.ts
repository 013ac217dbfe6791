import pino from 'pino'
import { config } from './config.server'
import { singleton } from './singleton.server'

export const logger = singleton('logger', () =>
  pino({
    level: config().NODE_ENV === 'test' ? 'silent' : config().LOG_LEVEL,
    base: { service: 'commissioning-hub' },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password'],
  }),
)
