/** The part of autocannon 8's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  type Headers = Record<string, string>
  export type RequestParams = { method?: string; path?: string; headers?: Headers; body?: string | Buffer }
  export type Context = Record<string, unknown>
  export type Request = RequestParams & {
    setupRequest?: (request: RequestParams, context: Context) => RequestParams | null | undefined
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, string | string[]>) => void
  }
  export type Options = {
    url: string
    connections?: number
    duration?: number
    amount?: number
    maxConnectionRequests?: number
    maxOverallRequests?: number
    overallRate?: number
    timeout?: number
    ignoreCoordinatedOmission?: boolean
    pipelining?: number
    headers?: Headers
    method?: string
    body?: string
    requests?: Request[]
    initialContext?: Context
  }
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p97_5: number
    p99: number
  }
  export type Result = {
    latency: Histogram
    requests: Histogram
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    duration: number
    start: Date
    finish: Date
  }
  export type Instance = Promise<Result> & { stop: () => void }
  function autocannon(options: Options): Instance
  export default autocannon
}
