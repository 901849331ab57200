import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from './node-flags'

describe('the server’s Node.js flags', () => {
  it('are the ones npm start runs with', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} server/launch.mjs`)
  })
})
