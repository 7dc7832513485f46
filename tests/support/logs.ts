import { levelFromEnv, log, setLogSink } from '#app/lib/log.server.ts'

/** One parsed log line (app/lib/log.server.ts writes JSON). */
export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal'
  msg: string
  [key: string]: unknown
}

let captured: LogRecord[] | undefined

/**
 * Before each test (tests/setup/setup-each.ts): the logger is back at LOG_LEVEL (vitest.config.ts
 * says `error`) and a line at error level that the test did not ask for fails it, as an unexpected
 * console.error does. Other lines are printed as they would be.
 */
export function installTestLogSink() {
  captured = undefined
  log.level = levelFromEnv()
  setLogSink({
    write(line: string) {
      const record = JSON.parse(line) as LogRecord
      if (captured) {
        captured.push(record)
        return
      }
      if (record.level === 'error' || record.level === 'fatal') {
        const err = record.err as { message?: string } | undefined
        throw new Error(`Unexpected error log: ${record.msg}${err?.message ? `: ${err.message}` : ''}`)
      }
      process.stdout.write(line)
    },
  })
}

/**
 * The log lines of the rest of this test, at every level from debug up, collected instead of
 * printed; error lines among them are expected (the test asserts on them).
 */
export function captureLogs(): LogRecord[] {
  captured = []
  log.level = 'debug'
  return captured
}
