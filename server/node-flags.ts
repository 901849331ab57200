/**
 * The Node.js flags the production server runs with (`npm start`, the tests' server, the benchmark).
 *
 * V8 otherwise lets the heap grow to several hundred MB under load before it collects (the bench measured a
 * 600–740 MB peak RSS for a live set far smaller); capping the old generation at 256 MB and the young one at
 * 8 MB semi-spaces kept the peak at 288 MB through the bench's heaviest scenario (2.000 connections) with the
 * same throughput (docs/performance.md). `package.json`'s start script repeats these (a test checks it).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=8'] as const
