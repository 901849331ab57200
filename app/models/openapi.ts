/**
 * The OpenAPI 3.1 document of the integration API (contract.md, "Integration API"), served at
 * GET /api/v1/openapi.json. Kept by hand as a typed object: tests/openapi.test.ts checks that every path and
 * method here has a route module, and every api.v1.* route module is described here.
 */
import { STAFF_TYPES, UNIT_KINDS } from '~/db/enums'

export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  format?: string
  description?: string
  enum?: readonly (string | number | boolean | null)[]
  const?: string | number | boolean
  properties?: Record<string, JsonSchema>
  required?: readonly string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  oneOf?: readonly JsonSchema[]
  allOf?: readonly JsonSchema[]
  default?: unknown
  minItems?: number
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  examples?: readonly unknown[]
}

type MediaType = { schema: JsonSchema; example?: unknown }
type ResponseObject = { description: string; content?: Record<string, MediaType> } | { $ref: string }
type Parameter =
  | { name: string; in: 'query' | 'path'; required?: boolean; description?: string; schema: JsonSchema }
  | { $ref: string }
export type Operation = {
  operationId: string
  summary: string
  description?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, MediaType> }
  responses: Record<string, ResponseObject>
}
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]
export type PathItem = Partial<Record<HttpMethod, Operation>>

export type OpenApiDocument = {
  openapi: '3.1.0'
  info: { title: string; version: string; description?: string }
  servers?: { url: string; description?: string }[]
  security: Record<string, string[]>[]
  tags?: { name: string; description?: string }[]
  paths: Record<string, PathItem>
  components: {
    securitySchemes: Record<string, Record<string, string>>
    schemas: Record<string, JsonSchema>
    responses: Record<string, Exclude<ResponseObject, { $ref: string }>>
    parameters: Record<string, Exclude<Parameter, { $ref: string }>>
  }
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: JsonSchema): Record<string, MediaType> => ({ 'application/json': { schema } })
const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 422)[]): Record<string, ResponseObject> => {
  const names = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 422: 'Unprocessable' } as const
  return Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/${names[code]}` }]))
}

const isoDate: JsonSchema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-01-01'] }
const unitCode: JsonSchema = { type: 'string', pattern: '^[A-Z0-9._-]{1,32}$', description: '1–32 of A–Z, 0–9, `-`, `_`, `.`; unique among units valid at the same time.' }
const STAFF_TYPE_LABELS = { cong_chuc: 'Công chức', vien_chuc: 'Viên chức', nguoi_lao_dong: 'Người lao động' } as const satisfies Record<(typeof STAFF_TYPES)[number], string>

const importOperation = (kind: 'roster' | 'completions'): Operation => ({
  operationId: kind === 'roster' ? 'importRoster' : 'importCompletions',
  tags: ['imports'],
  summary: kind === 'roster' ? 'Import the roster (one row a person)' : 'Import completion records (training done elsewhere)',
  description:
    (kind === 'roster'
      ? 'Columns as in contract.md, “Roster import”: `Số định danh cá nhân`, `Họ và tên` or `Họ` + `Chữ đệm` + `Tên`, `Ngày sinh`, `Giới tính`, `Mã đơn vị`, `Chức vụ`, `Ngạch/chức danh`, `Loại`, `Email`, `Ngày bắt đầu`, `Ngày thôi việc`. Upsert by số định danh.'
      : 'Columns: `Số định danh cá nhân`, `Mã khóa học`, `Ngày hoàn thành`, `Số tiết`, `Hình thức`, `Nguồn`, `Ghi chú`.') +
    ' Headers are matched accent- and case-insensitively. `.xlsx`, or `.csv` in UTF-8 with or without BOM, comma or semicolon. With `dryRun=true` nothing is written; with `dryRun=false` all rows are written or, with any error, none (422).',
  parameters: [{ $ref: '#/components/parameters/DryRun' }],
  requestBody: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The .xlsx or .csv file.' } } },
      },
    },
  },
  responses: {
    '200': { description: 'The file was checked (dryRun=true; `ok` false when a row has an error) or written (dryRun=false).', content: json(ref('ImportResult')) },
    ...errors(400, 401, 403),
    '422': {
      description: 'dryRun=false and at least one row has an error: nothing was written. The error shape, `details` holding the row errors, with the counts.',
      content: json({ allOf: [ref('Error'), ref('ImportResult')] }),
    },
  },
})

export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'HọcSố — Integration API',
    version: '1.0.0',
    description:
      'For the provincial HR database, scripts and other systems. JSON in and out; dates are `YYYY-MM-DD`. Authenticate with the session cookie of an HR or admin user, or with `Authorization: Bearer <token>` and an API token that an admin creates at /admin/tokens (shown once, bound to a role; every use is audited). Errors are `{ "error": "message", "details": [...] }`.',
  },
  servers: [{ url: '/', description: 'This HọcSố server' }],
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  tags: [
    { name: 'units', description: 'The organisation over time' },
    { name: 'imports', description: 'Roster and completion-record imports' },
    { name: 'courses', description: 'The course catalogue' },
    { name: 'plans', description: 'Annual training plans' },
    { name: 'reports', description: 'The coverage report' },
    { name: 'meta', description: 'This document' },
  ],
  paths: {
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        tags: ['meta'],
        summary: 'This OpenAPI document',
        description: 'Public: it describes the API, never its data.',
        security: [],
        responses: { '200': { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
      },
    },
    '/api/v1/units': {
      get: {
        operationId: 'listUnits',
        tags: ['units'],
        summary: 'The unit tree as it stood on a date',
        parameters: [{ name: 'asOf', in: 'query', description: 'The date (default: today in Việt Nam).', schema: isoDate }],
        responses: {
          '200': { description: 'Every unit valid on `asOf`.', content: json({ type: 'array', items: ref('Unit') }) },
          ...errors(400, 401, 403),
        },
      },
      post: {
        operationId: 'createUnit',
        tags: ['units'],
        summary: 'Create a unit',
        requestBody: { required: true, content: json(ref('UnitInput')) },
        responses: {
          '201': { description: 'The unit was created.', content: json(ref('Unit')) },
          ...errors(400, 401, 403, 409, 422),
        },
      },
    },
    '/api/v1/units/events': {
      post: {
        operationId: 'recordLineageEvent',
        tags: ['units'],
        summary: 'Record a lineage event (rename, move, merge, split, dissolve)',
        description:
          'Effective on `date`; the old units end the day before. On a merge, everyone assigned to a merged unit is assigned to the new unit from `date`; on a split, to the first successor until a roster import moves them.',
        requestBody: { required: true, content: json(ref('LineageEvent')) },
        responses: {
          '201': { description: 'The event was recorded.', content: json(ref('LineageEventResult')) },
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    '/api/v1/imports/roster': { post: importOperation('roster') },
    '/api/v1/imports/completions': { post: importOperation('completions') },
    '/api/v1/courses': {
      get: {
        operationId: 'listCourses',
        tags: ['courses'],
        summary: 'The published courses',
        responses: {
          '200': { description: 'In catalogue order.', content: json({ type: 'array', items: ref('Course') }) },
          ...errors(401, 403),
        },
      },
    },
    '/api/v1/plans/{year}': {
      get: {
        operationId: 'getPlan',
        tags: ['plans'],
        summary: 'The plan of a year, as stored',
        parameters: [{ $ref: '#/components/parameters/Year' }],
        responses: {
          '200': { description: 'The plan.', content: json(ref('Plan')) },
          ...errors(400, 401, 403, 404),
        },
      },
      put: {
        operationId: 'putPlan',
        tags: ['plans'],
        summary: 'Create or replace the plan of a year',
        parameters: [{ $ref: '#/components/parameters/Year' }],
        requestBody: { required: true, content: json(ref('PlanInput')) },
        responses: {
          '200': { description: 'The plan as saved.', content: json(ref('Plan')) },
          ...errors(400, 401, 403, 409, 422),
        },
      },
    },
    '/api/v1/reports/coverage': {
      get: {
        operationId: 'getCoverageReport',
        tags: ['reports'],
        summary: 'The annual coverage report',
        description: 'HR and admin; a unit head for their own scope (403 outside it).',
        parameters: [
          { name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2200 } },
          { name: 'mode', in: 'query', schema: { type: 'string', enum: ['recorded', 'restated'] } },
          { name: 'asOf', in: 'query', schema: isoDate },
          { name: 'unit', in: 'query', description: 'A unit id: only that unit and the units below it.', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'One row per unit of the chosen structure.', content: json(ref('CoverageReport')) },
          ...errors(400, 401, 403),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'hs_…', description: 'An API token created by an admin; bound to the hr or admin role.' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'hocso_session', description: 'The session of an HR or admin user signed in through /login.' },
    },
    parameters: {
      DryRun: {
        name: 'dryRun',
        in: 'query',
        description: '`true` (the default): check and answer, write nothing. `false`: write every row, or none when any row has an error.',
        schema: { type: 'string', enum: ['true', 'false'], default: 'true' },
      },
      Year: { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2200 } },
    },
    responses: {
      BadRequest: { description: 'A malformed parameter or body.', content: json(ref('Error')) },
      Unauthorized: { description: 'No session, or an unknown or revoked API token.', content: json(ref('Error')) },
      Forbidden: { description: 'The caller’s role or unit scope does not allow this.', content: json(ref('Error')) },
      NotFound: { description: 'No such resource.', content: json(ref('Error')) },
      Conflict: { description: 'The change conflicts with what is stored (a duplicate code, a closed year…).', content: json(ref('Error')) },
      Unprocessable: { description: 'Well-formed, but breaks a rule.', content: json(ref('Error')) },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'string', description: 'What went wrong, in words.' },
          details: {
            type: 'array',
            description: 'Per-field or per-row problems, when there are any.',
            items: {
              type: 'object',
              properties: {
                path: { type: 'string', description: 'The field, e.g. `requirements[0].dueDate`.' },
                code: { type: 'string' },
                message: { type: 'string' },
              },
              additionalProperties: true,
            },
          },
        },
      },
      IsoDate: isoDate,
      UnitKind: { type: 'string', enum: UNIT_KINDS },
      UnitCode: unitCode,
      Unit: {
        type: 'object',
        required: ['id', 'code', 'name', 'kind', 'parentId', 'validFrom', 'validTo'],
        properties: {
          id: { type: 'string' },
          code: unitCode,
          name: { type: 'string' },
          kind: ref('UnitKind'),
          parentId: { type: ['string', 'null'] },
          validFrom: ref('IsoDate'),
          validTo: { oneOf: [ref('IsoDate'), { type: 'null' }], description: 'The last day (inclusive), or null while it lasts.' },
        },
      },
      UnitInput: {
        type: 'object',
        required: ['code', 'name', 'kind', 'parentCode', 'validFrom'],
        properties: {
          code: unitCode,
          name: { type: 'string', minLength: 1 },
          kind: ref('UnitKind'),
          parentCode: { oneOf: [unitCode, { type: 'null' }], description: 'null for a root.' },
          validFrom: ref('IsoDate'),
        },
      },
      Decision: {
        type: 'object',
        description: 'The legal basis of the event.',
        required: ['number', 'date', 'issuer'],
        properties: { number: { type: 'string', minLength: 1 }, date: ref('IsoDate'), issuer: { type: 'string', minLength: 1 } },
      },
      LineageEvent: {
        oneOf: [ref('RenameEvent'), ref('MoveEvent'), ref('MergeEvent'), ref('SplitEvent'), ref('DissolveEvent')],
      },
      RenameEvent: {
        type: 'object',
        required: ['type', 'date', 'decision', 'code', 'newName'],
        properties: { type: { const: 'rename' }, date: ref('IsoDate'), decision: ref('Decision'), code: unitCode, newName: { type: 'string', minLength: 1 }, newCode: unitCode },
      },
      MoveEvent: {
        type: 'object',
        required: ['type', 'date', 'decision', 'code', 'newParentCode'],
        properties: { type: { const: 'move' }, date: ref('IsoDate'), decision: ref('Decision'), code: unitCode, newParentCode: unitCode },
      },
      MergeEvent: {
        type: 'object',
        required: ['type', 'date', 'decision', 'fromCodes', 'into'],
        properties: {
          type: { const: 'merge' },
          date: ref('IsoDate'),
          decision: ref('Decision'),
          fromCodes: { type: 'array', items: unitCode, minItems: 1 },
          into: {
            type: 'object',
            required: ['code', 'name', 'kind', 'parentCode'],
            properties: { code: unitCode, name: { type: 'string', minLength: 1 }, kind: ref('UnitKind'), parentCode: { oneOf: [unitCode, { type: 'null' }] } },
          },
        },
      },
      SplitEvent: {
        type: 'object',
        required: ['type', 'date', 'decision', 'fromCode', 'into'],
        properties: {
          type: { const: 'split' },
          date: ref('IsoDate'),
          decision: ref('Decision'),
          fromCode: unitCode,
          into: {
            type: 'array',
            minItems: 1,
            description: 'The successors; the first takes everyone until a roster import moves them.',
            items: { type: 'object', required: ['code', 'name', 'kind'], properties: { code: unitCode, name: { type: 'string', minLength: 1 }, kind: ref('UnitKind') } },
          },
        },
      },
      DissolveEvent: {
        type: 'object',
        required: ['type', 'date', 'decision', 'code'],
        properties: { type: { const: 'dissolve' }, date: ref('IsoDate'), decision: ref('Decision'), code: unitCode },
      },
      UnitRef: {
        type: 'object',
        required: ['id', 'code', 'name'],
        properties: { id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } },
      },
      LineageEventResult: {
        type: 'object',
        required: ['eventId', 'type', 'date', 'units'],
        additionalProperties: true,
        properties: {
          eventId: { type: ['integer', 'null'] },
          type: { type: 'string', enum: ['rename', 'move', 'merge', 'split', 'dissolve'] },
          date: ref('IsoDate'),
          units: { type: 'array', items: ref('Unit'), description: 'The units the event created or changed, as they stand from `date`.' },
          ended: { type: 'array', items: ref('UnitRef'), description: 'The units that end the day before `date`.' },
          peopleMoved: { type: 'integer', minimum: 0, description: 'People whose assignment moved to a successor.' },
          peopleEnded: { type: 'integer', minimum: 0, description: 'People whose assignment ended (a dissolve).' },
          childrenMoved: { type: 'array', items: ref('UnitRef'), description: 'Child units moved to a successor.' },
          grantsMoved: { type: 'integer', minimum: 0, description: 'Open unit-head and HR grants moved to a successor.' },
        },
      },
      ImportResult: {
        type: 'object',
        required: ['ok', 'rows', 'created', 'updated', 'moved', 'unchanged', 'errors'],
        properties: {
          ok: { type: 'boolean', description: 'True when no row has an error.' },
          rows: { type: 'integer', minimum: 0 },
          created: { type: 'integer', minimum: 0 },
          updated: { type: 'integer', minimum: 0 },
          moved: { type: 'integer', minimum: 0 },
          unchanged: { type: 'integer', minimum: 0 },
          errors: { type: 'array', items: ref('ImportError') },
        },
      },
      ImportError: {
        type: 'object',
        required: ['row', 'column', 'message'],
        properties: {
          row: { type: ['integer', 'null'], description: 'The row number in the file (the header is row 1), or null for a problem of the whole file.' },
          column: { type: ['string', 'null'], description: 'The column header, or null for a problem of the whole row or file.' },
          message: { type: 'string', description: 'In Vietnamese.' },
        },
      },
      Course: {
        type: 'object',
        required: ['id', 'title', 'durationTiet', 'version'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          durationTiet: { type: 'integer', description: 'Length in tiết (45-minute periods).' },
          version: { type: 'string', description: 'The content hash of the course as published.' },
        },
      },
      Audience: {
        description:
          'Everyone; or those units and the units below them (codes are resolved when the plan is saved; the plan then follows those units through renames and moves); or the `Chức vụ` of the person’s assignment; or staff types.',
        oneOf: [
          { type: 'object', required: ['all'], properties: { all: { const: true } } },
          { type: 'object', required: ['unitCodes'], properties: { unitCodes: { type: 'array', items: unitCode, minItems: 1 } } },
          { type: 'object', required: ['positions'], properties: { positions: { type: 'array', items: { type: 'string' }, minItems: 1 } } },
          {
            type: 'object',
            required: ['staffTypes'],
            properties: { staffTypes: { type: 'array', items: { type: 'string', enum: STAFF_TYPES.map((s) => STAFF_TYPE_LABELS[s]) }, minItems: 1 } },
          },
        ],
      },
      Requirement: {
        type: 'object',
        required: ['courseId', 'audience', 'dueDate'],
        properties: { courseId: { type: 'string' }, audience: ref('Audience'), dueDate: ref('IsoDate') },
      },
      PlanInput: {
        type: 'object',
        required: ['reference', 'targetPct', 'requirements'],
        properties: {
          reference: { type: 'string', minLength: 1, maxLength: 100, description: 'The number of the plan document.' },
          referenceDate: { oneOf: [ref('IsoDate'), { type: 'null' }], description: 'The date of the plan document.' },
          targetPct: { type: 'number', minimum: 0, maximum: 100 },
          requirements: { type: 'array', items: ref('Requirement') },
        },
        additionalProperties: false,
      },
      Plan: {
        type: 'object',
        description: 'Unit audiences are given by the units’ codes as they stand today.',
        required: ['year', 'reference', 'referenceDate', 'targetPct', 'closed', 'updatedAt', 'requirements'],
        properties: {
          year: { type: 'integer' },
          reference: { type: 'string' },
          referenceDate: { oneOf: [ref('IsoDate'), { type: 'null' }] },
          targetPct: { type: 'number' },
          closed: { type: 'boolean', description: 'True once the year is closed: the plan can no longer be changed (409).' },
          updatedAt: { type: 'string', format: 'date-time' },
          requirements: { type: 'array', items: ref('Requirement') },
        },
      },
      CoverageReport: {
        type: 'object',
        required: ['year', 'asOf', 'mode', 'rows'],
        properties: {
          year: { type: 'integer' },
          asOf: ref('IsoDate'),
          mode: { type: 'string', enum: ['recorded', 'restated'] },
          rows: { type: 'array', items: ref('CoverageRow') },
        },
      },
      CoverageRow: {
        type: 'object',
        required: ['unitId', 'unitCode', 'unitName', 'parentId', 'depth', 'headcount', 'required', 'trainedAll', 'trainedAny', 'personTimes', 'learningHours', 'coveragePct', 'reachPct', 'targetPct'],
        properties: {
          unitId: { type: 'string' },
          unitCode: { type: 'string' },
          unitName: { type: 'string' },
          parentId: { type: ['string', 'null'] },
          depth: { type: 'integer', minimum: 0 },
          headcount: { type: 'integer', minimum: 0 },
          required: { type: 'integer', minimum: 0 },
          trainedAll: { type: 'integer', minimum: 0 },
          trainedAny: { type: 'integer', minimum: 0 },
          personTimes: { type: 'integer', minimum: 0 },
          learningHours: { type: 'number', minimum: 0 },
          coveragePct: { type: ['number', 'null'], description: 'Rounded to 2 decimals; null for an empty denominator.' },
          reachPct: { type: ['number', 'null'] },
          targetPct: { type: 'number' },
        },
      },
    },
  },
}
