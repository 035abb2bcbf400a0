/**
 * OpenAPI 3.1 per REST api: the contract a team implements. Paths, params,
 * bodies and responses come from the node's endpoints and the model's named
 * schemas; errors use RFC 9457 problem details; the node's health, readiness
 * and metrics paths are part of the contract.
 */
import { displayName, type Model, type ModelNode, type NodeOfKind, type EndpointSpec } from '../model';
import { exampleFor } from './examples';
import { namedSchemas, relocateSchema, schemaClosure, pointerToken, type JsonSchema } from './schemas';
import { toYaml } from './yaml';

type ApiNode = NodeOfKind<'gateway' | 'service' | 'worker' | 'function'>;

/** Nodes whose api is REST (style rest, or no style given). */
export function restApiNodes(model: Model): [string, ApiNode][] {
  return Object.entries(model.nodes).filter(
    (e): e is [string, ApiNode] => 'api' in e[1] && !!e[1].api && (e[1].api.style ?? 'rest') === 'rest',
  );
}

export const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '412': 'Precondition Failed',
  '422': 'Unprocessable Content',
  '429': 'Too Many Requests',
  '500': 'Internal Server Error',
  '502': 'Bad Gateway',
  '503': 'Service Unavailable',
  '504': 'Gateway Timeout',
  default: 'Unexpected error',
};

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Problem details (RFC 9457).',
  properties: {
    type: {
      type: 'string',
      format: 'uri-reference',
      default: 'about:blank',
      description: 'A URI reference that identifies the problem type.',
    },
    title: {
      type: 'string',
      description: 'A short, human-readable summary of the problem type.',
      examples: ['Invalid request'],
    },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status code.', examples: [400] },
    detail: {
      type: 'string',
      description: 'An explanation specific to this occurrence.',
      examples: ['The field "total" must be at least 0.'],
    },
    instance: {
      type: 'string',
      format: 'uri-reference',
      description: 'A URI reference that identifies this occurrence.',
      examples: ['/problems/3f2b8a9e'],
    },
  },
  required: ['title', 'status'],
};

const SECURITY_SCHEMES: Record<string, [string, Record<string, unknown>]> = {
  jwt: [
    'bearerAuth',
    { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT validated on every request.' },
  ],
  oauth2: [
    'oauth2',
    {
      type: 'oauth2',
      description: 'OAuth 2.0; the token URL is a placeholder for the identity provider.',
      flows: {
        clientCredentials: { tokenUrl: 'https://auth.example.com/oauth2/token', scopes: {} },
        authorizationCode: {
          authorizationUrl: 'https://auth.example.com/oauth2/authorize',
          tokenUrl: 'https://auth.example.com/oauth2/token',
          scopes: {},
        },
      },
    },
  ],
  apikey: ['apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' }],
  basic: ['basicAuth', { type: 'http', scheme: 'basic' }],
  mtls: ['mutualTLS', { type: 'mutualTLS', description: 'Clients present a certificate issued by the internal CA.' }],
};

const PATH_PARAM = /\{([^{}/]+)\}/g;

export function openApiDocument(model: Model, id: string, node: ApiNode): Record<string, unknown> {
  const api = node.api ?? {};
  const all = namedSchemas(model);
  const endpoints = api.endpoints ?? [];
  const problemName = uniqueName('Problem', all);
  const ref = (name: string) => `#/components/schemas/${pointerToken(name)}`;
  const tag = node.context ? (model.contexts?.[node.context]?.name ?? node.context) : displayName(id, node);
  const auth = node.security?.auth;
  const scheme = auth && auth !== 'none' ? SECURITY_SCHEMES[auth] : undefined;
  const rateLimited = node.security?.rateLimitRps !== undefined;

  const used = new Set<string>();
  // One example per schema under components.examples, referred to by every operation that uses it.
  const examples = new Map<string, unknown>();
  const exampleRef = (name: string) => {
    if (!examples.has(name)) examples.set(name, exampleFor(all[name], all));
    return { [name]: { $ref: `#/components/examples/${pointerToken(name)}` } };
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const opIds = new Set<string>();
  for (const ep of endpoints) {
    const method = ep.method.toLowerCase();
    const item = (paths[ep.path] ??= {});
    if (item[method]) continue; // the same method and path twice: the first one wins
    item[method] = operation(ep);
  }

  function operation(ep: EndpointSpec): Record<string, unknown> {
    let operationId = ep.id;
    for (let n = 2; opIds.has(operationId); n++) operationId = `${ep.id}-${n}`;
    opIds.add(operationId);
    const parameters: Record<string, unknown>[] = [];
    for (const m of ep.path.matchAll(PATH_PARAM)) {
      parameters.push({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
        example: /id$/i.test(m[1]!) ? '3f2b8a9e-6c1d-4e5f-9a7b-2c4d6e8f0a1b' : `${m[1]}-1`,
      });
    }
    for (const [name, schema] of Object.entries(ep.query ?? {})) {
      const s = schema as JsonSchema;
      parameters.push({
        name,
        in: 'query',
        required: s.required === true,
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
        schema: relocate(withoutKey(s, 'required')),
      });
    }
    const op: Record<string, unknown> = {
      operationId,
      tags: [tag],
      ...(ep.summary ? { summary: ep.summary } : {}),
      ...(ep.description ? { description: ep.description } : {}),
    };
    if (parameters.length) op.parameters = parameters;
    if (ep.request) {
      used.add(ep.request);
      op.requestBody = {
        required: true,
        content: {
          'application/json': { schema: { $ref: ref(ep.request) }, examples: exampleRef(ep.request) },
        },
      };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(ep.responses ?? {})) {
      const schemaName = typeof spec === 'string' ? spec : spec.schema;
      const description =
        (typeof spec === 'object' ? spec.description : undefined) ?? STATUS_TEXT[status] ?? `Status ${status}`;
      if (schemaName) {
        used.add(schemaName);
        responses[status] = {
          description,
          content: {
            'application/json': { schema: { $ref: ref(schemaName) }, examples: exampleRef(schemaName) },
          },
        };
      } else if (/^[45]/.test(status) || status === 'default') {
        responses[status] = problemResponse(status, description);
      } else {
        responses[status] = { description };
      }
    }
    if (!Object.keys(responses).some((s) => /^[23]/.test(s))) {
      responses[ep.method === 'POST' ? '201' : ep.method === 'DELETE' ? '204' : '200'] = {
        description: ep.method === 'POST' ? 'Created' : ep.method === 'DELETE' ? 'No Content' : 'OK',
      };
    }
    const defaults: [string, boolean][] = [
      ['400', parameters.length > 0 || !!ep.request],
      ['401', !!scheme],
      ['404', parameters.some((p) => p.in === 'path')],
      ['429', rateLimited],
      ['500', true],
    ];
    for (const [status, wanted] of defaults) {
      if (wanted && !responses[status])
        responses[status] = { $ref: `#/components/responses/${STATUS_TEXT[status]!.replace(/[^A-Za-z]/g, '')}` };
    }
    op.responses = sortStatuses(responses);
    return op;
  }

  const usedResponses = new Set<string>();
  function problemResponse(status: string, description: string): Record<string, unknown> {
    const code = status === 'default' ? 500 : Number(status);
    return {
      description,
      content: {
        'application/problem+json': {
          schema: { $ref: ref(problemName) },
          example: {
            type: 'about:blank',
            title: STATUS_TEXT[status] ?? description,
            status: code,
            detail: description,
          },
        },
      },
    };
  }

  function relocate(schema: unknown): unknown {
    return relocateSchema(
      schema,
      (name) => {
        used.add(name);
        return ref(name);
      },
      '',
    );
  }

  // Health, readiness and metrics live at the server root, not under the versioned base path.
  const obs = node.observability ?? {};
  const rootServer = [{ url: 'https://{host}', variables: { host: { default: `${id}.example.internal` } } }];
  const probes: [string | undefined, string, string][] = [
    [obs.liveness, 'liveness', 'Liveness probe: the process is up.'],
    [obs.readiness, 'readiness', 'Readiness probe: dependencies are reachable and the instance takes traffic.'],
  ];
  for (const [path, kind, summary] of probes) {
    if (!path || !/^\/[^\s{}?#]*$/.test(path) || paths[path]?.get) continue;
    (paths[path] ??= {}).servers = rootServer;
    paths[path]!.get = {
      operationId: `${kind}-probe`,
      tags: ['operations'],
      summary,
      security: [],
      responses: {
        '200': {
          description: 'Healthy',
          content: { 'application/json': { schema: HEALTH_SCHEMA, example: { status: 'ok' } } },
        },
        '503': {
          description: 'Unhealthy',
          content: { 'application/json': { schema: HEALTH_SCHEMA, example: { status: 'unavailable' } } },
        },
      },
    };
  }
  if (obs.metrics && /^\/[^\s{}?#]*$/.test(obs.metrics) && !paths[obs.metrics]?.get) {
    (paths[obs.metrics] ??= {}).servers = rootServer;
    paths[obs.metrics]!.get = {
      operationId: 'metrics-scrape',
      tags: ['operations'],
      summary: 'Prometheus scrape endpoint (RED metrics per endpoint).',
      security: [],
      responses: {
        '200': {
          description: 'Metrics in the Prometheus text exposition format.',
          content: {
            'text/plain; version=0.0.4': {
              schema: { type: 'string' },
              example: 'http_requests_total{method="GET",route="/items/{id}",code="200"} 1027\n',
            },
          },
        },
      },
    };
  }

  for (const op of Object.values(paths).flatMap((p) => Object.values(p))) {
    const responses = (op as { responses?: Record<string, { $ref?: string }> }).responses ?? {};
    for (const r of Object.values(responses)) if (r.$ref) usedResponses.add(r.$ref.split('/').pop()!);
  }
  const components: Record<string, unknown> = {};
  const closure = schemaClosure(model, used);
  const schemas: Record<string, unknown> = {};
  for (const name of closure) {
    schemas[name] = relocateSchema(all[name], ref, ref(name));
  }
  const needsProblem = usedResponses.size > 0 || JSON.stringify(paths).includes(JSON.stringify(ref(problemName)));
  if (needsProblem) schemas[problemName] = PROBLEM_SCHEMA;
  if (Object.keys(schemas).length) components.schemas = schemas;
  if (usedResponses.size) {
    const responses: Record<string, unknown> = {};
    for (const status of ['400', '401', '404', '429', '500']) {
      const name = STATUS_TEXT[status]!.replace(/[^A-Za-z]/g, '');
      if (usedResponses.has(name)) responses[name] = problemResponse(status, STATUS_TEXT[status]!);
    }
    if (usedResponses.has('TooManyRequests')) {
      const tooMany = responses.TooManyRequests as Record<string, unknown>;
      tooMany.headers = {
        'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
      };
    }
    components.responses = responses;
  }
  if (examples.size) {
    components.examples = Object.fromEntries(
      [...examples].map(([name, value]) => [name, { summary: `A ${name}`, value }]),
    );
  }
  if (scheme) components.securitySchemes = { [scheme[0]]: scheme[1] };

  const version = api.version ?? '';
  const info: Record<string, unknown> = {
    title: displayName(id, node),
    version: version || '0.1.0',
  };
  const description = [node.description, api.description].filter(Boolean).join('\n\n');
  if (description) info.description = description;
  const serverPath =
    (version ? `/${encodeURIComponent(version)}` : '') + (api.basePath && api.basePath !== '/' ? api.basePath : '');
  const doc: Record<string, unknown> = {
    openapi: '3.1.0',
    info,
    servers: [
      {
        url: `https://{host}${serverPath}`,
        description: `${displayName(id, node)}${version ? ` API ${version}` : ''}`,
        variables: { host: { default: `${id}.example.internal`, description: 'Host name of the deployment.' } },
      },
    ],
    tags: [
      {
        name: tag,
        ...(node.context && model.contexts?.[node.context]?.description
          ? { description: model.contexts[node.context]!.description }
          : {}),
      },
      ...(JSON.stringify(paths).includes('"operations"')
        ? [{ name: 'operations', description: 'Health, readiness and metrics.' }]
        : []),
    ],
    paths,
    components,
  };
  if (scheme) doc.security = [{ [scheme[0]]: [] }];
  return doc;
}

const HEALTH_SCHEMA = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'degraded', 'unavailable'] } },
  required: ['status'],
};

function uniqueName(base: string, taken: Record<string, unknown>): string {
  let name = base;
  for (let n = 2; name in taken; n++) name = `${base}${n}`;
  return name;
}

function withoutKey(s: JsonSchema, key: string): JsonSchema {
  const { [key]: _drop, ...rest } = s;
  return rest;
}

function sortStatuses(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r).sort(([a], [b]) => (a === 'default' ? 1 : b === 'default' ? -1 : a.localeCompare(b))),
  );
}

export function openApiYaml(model: Model, id: string, node: ModelNode): string {
  if (!('api' in node)) throw new Error(`${id} has no api`);
  return toYaml(
    openApiDocument(model, id, node as ApiNode),
    'OpenAPI 3.1 contract generated by Keel from the design model.',
  );
}
