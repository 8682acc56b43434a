import pino from 'pino';

// Structured logs; secrets and message bodies never go above debug (see redact paths).
// Logs go to stderr: stdout stays clean for CLI contracts (`cli intent`, `cli token create`, `cli ask --json`).
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'relais' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'body', '*.body', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  },
  pino.destination(2),
);

export type Logger = pino.Logger;
