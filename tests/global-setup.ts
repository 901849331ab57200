/**
 * Vitest global set-up: nothing global yet beyond making sure the tests run in the project root. HTTP tests
 * build and start their own server (tests/server.ts).
 */
export default function setup() {
  process.env.TZ ??= 'UTC'
}
