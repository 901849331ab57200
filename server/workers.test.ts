import { describe, expect, it } from 'vitest'
import { serverWorkerCount } from './workers'

describe('serverWorkerCount', () => {
  it('is 1 unless WEB_CONCURRENCY asks for more; auto means one per core', () => {
    expect(serverWorkerCount({}, 8)).toBe(1)
    expect(serverWorkerCount({ WEB_CONCURRENCY: '' }, 8)).toBe(1)
    expect(serverWorkerCount({ WEB_CONCURRENCY: '3' }, 2)).toBe(3)
    expect(serverWorkerCount({ WEB_CONCURRENCY: 'auto' }, 2)).toBe(2)
    expect(serverWorkerCount({ WEB_CONCURRENCY: 'auto' }, 64)).toBe(16)
  })

  it('refuses anything else with a message naming the variable', () => {
    for (const bad of ['0', '17', '1.5', 'two', '-1']) {
      expect(() => serverWorkerCount({ WEB_CONCURRENCY: bad }, 2)).toThrow(/WEB_CONCURRENCY must be a whole number from 1 to 16/)
    }
  })
})
