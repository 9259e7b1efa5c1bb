import pino, { type Logger } from 'pino';

/**
 * Structured logs. Only identifiers and timings are ever logged: never names, dates of birth, clinical content,
 * request bodies or query strings (tRPC GET inputs travel in the query string). The redaction list is a second
 * wall in case a careless field slips in.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'harbour-server' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.givenName',
        '*.familyName',
        '*.dateOfBirth',
        '*.details',
        'input',
        'body',
      ],
      censor: '[redacted]',
    },
  });
}
