/**
 * The design report: what an architect hands to the teams. Built once as a
 * document (document.ts) and rendered to README.md here and to report.html in
 * report-html.ts. Sections follow the architect's checklist: overview and
 * context map, APIs with examples, data model, events, technology choices,
 * the analysis with numbers, security per layer, observability, open
 * questions and the decisions.
 */
import type { AnalysisResult, Finding } from '../analysis/types';
import {
  displayName,
  linkMode,
  resolveLinks,
  sloOf,
  thresholdsOf,
  type EndpointSpec,
  type Model,
  type ModelNode,
  type NodeOfKind,
  type ResolvedLink,
} from '../model';
import { adrFileName } from './adr';
import { alertRules } from './alerts';
import { type Block, type Cell, type Inline, toMarkdown } from './document';
import { exampleFor } from './examples';
import { mermaidEr, mermaidFlowchart } from './mermaid';
import { STATUS_TEXT } from './openapi';
import { namedSchemas } from './schemas';

type ApiNode = NodeOfKind<'gateway' | 'service' | 'worker' | 'function'>;

export interface ReportInput {
  analysis?: AnalysisResult;
  /** The auto-laid-out diagram as SVG (used by the HTML report). */
  svg?: string;
  /** Relative paths of the package's files, listed at the end. */
  files?: string[];
  /** architecture.mmd when already built (else built here). */
  flowchart?: string;
}

const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined ? 'n/a' : Number.isInteger(n) ? String(n) : n.toFixed(digits);
const pct = (n: number | null | undefined): string =>
  n === null || n === undefined ? 'n/a' : `${(n * 100).toFixed(0)}%`;
const avail = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n.toFixed(n >= 99.99 ? 4 : 3)}%`);

function name(model: Model, id: string): string {
  const n = model.nodes[id];
  return n ? displayName(id, n) : id;
}

export function reportBlocks(model: Model, input: ReportInput = {}): Block[] {
  const { analysis } = input;
  const b: Block[] = [];
  const nodes = Object.entries(model.nodes);
  const links = resolveLinks(model);
  const slo = sloOf(model);
  const contexts = Object.entries(model.contexts ?? {});

  // ------------------------------------------------------------ overview
  b.push({ h: 1, text: model.name });
  if (model.description) b.push({ p: [model.description] });
  b.push({
    p: [
      `${nodes.length} nodes, ${links.length} links, ${contexts.length} bounded contexts. Objectives: ${slo.availability}% availability and a p99 latency budget of ${slo.latencyP99Ms} ms per entry request.`,
    ],
  });
  if (analysis) {
    const s = analysis.summary;
    b.push({
      p: [
        { strong: 'Analysis: ' },
        `${s.critical} critical, ${s.warning} warnings, ${s.info} notes. `,
        s.maxScale !== null && s.bottleneck
          ? `All client load can grow ${fmt(s.maxScale, 2)}x before ${name(model, s.bottleneck)} saturates.`
          : 'No node has a capacity to check.',
      ],
    });
  }

  b.push({ h: 2, text: 'Architecture' });
  b.push({
    diagram: input.flowchart ?? mermaidFlowchart(model),
    ...(input.svg ? { svg: input.svg } : {}),
    caption:
      'Contexts are boxes; solid arrows are synchronous calls, dashed arrows are asynchronous (publish, consume, fire-and-forget).',
  });

  // ------------------------------------------------------------ context map
  b.push({ h: 2, text: 'Context map' });
  if (contexts.length) {
    b.push({
      table: {
        head: ['Context', 'Description', 'Nodes'],
        rows: contexts.map(([cid, c]) => [
          c.name ?? cid,
          c.description ?? '',
          nodes
            .filter(([, n]) => n.context === cid)
            .map(([id, n]) => displayName(id, n))
            .join(', '),
        ]),
      },
    });
    const cross = new Map<string, { sync: number; async: number }>();
    for (const l of links) {
      const a = model.nodes[l.from]?.context;
      const c = model.nodes[l.to]?.context;
      if (!a || !c || a === c) continue;
      const k = `${a}\u0000${c}`;
      const v = cross.get(k) ?? { sync: 0, async: 0 };
      if (linkMode(model, l) === 'sync') v.sync++;
      else v.async++;
      cross.set(k, v);
    }
    if (cross.size) {
      b.push({ p: ['Relationships between contexts (how many links cross each boundary):'] });
      b.push({
        table: {
          head: ['From', 'To', 'Synchronous', 'Asynchronous'],
          rows: [...cross].map(([k, v]) => {
            const [a, c] = k.split('\u0000') as [string, string];
            return [model.contexts?.[a]?.name ?? a, model.contexts?.[c]?.name ?? c, String(v.sync), String(v.async)];
          }),
        },
      });
    }
  } else {
    b.push({ p: ['No bounded contexts are modelled yet: every node sits in one shared space.'] });
  }

  // ------------------------------------------------------------ services and APIs
  const apiNodes = nodes.filter((e): e is [string, ApiNode] =>
    ['gateway', 'service', 'worker', 'function'].includes(e[1].kind),
  );
  b.push({ h: 2, text: 'Services and APIs' });
  if (!apiNodes.length) b.push({ p: ['No services are modelled.'] });
  for (const [id, node] of apiNodes) serviceSection(model, id, node, b, analysis);

  // ------------------------------------------------------------ data model
  const dataNodes = nodes.filter(([, n]) => ['database', 'cache', 'storage'].includes(n.kind));
  b.push({ h: 2, text: 'Data model' });
  if (!dataNodes.length) b.push({ p: ['No data stores are modelled.'] });
  for (const [id, node] of dataNodes) dataSection(model, links, id, node, b);

  // ------------------------------------------------------------ events
  const messaging = nodes.filter(([, n]) => n.kind === 'queue' || n.kind === 'topic') as [
    string,
    NodeOfKind<'queue' | 'topic'>,
  ][];
  b.push({ h: 2, text: 'Events' });
  if (!messaging.length) b.push({ p: ['No queues or topics are modelled: all communication is synchronous.'] });
  else
    b.push({
      p: [
        'Contracts: ',
        { link: 'asyncapi.yaml', href: 'asyncapi.yaml' },
        '; one JSON Schema per message under ',
        { code: 'schemas/messages/' },
        '.',
      ],
    });
  for (const [id, node] of messaging) {
    b.push({ h: 3, text: `${displayName(id, node)} (${node.kind}, ${node.broker ?? 'unspecified broker'})` });
    if (node.description) b.push({ p: [node.description] });
    const pubs = links
      .filter((l) => l.to === id)
      .map((l) => name(model, l.from) + (l.message ? ` (${l.message})` : ''));
    const subs = links.filter((l) => l.from === id).map((l) => `${name(model, l.to)} (group ${l.group ?? l.to})`);
    const dlq = node.deadLetter === true ? 'yes' : node.deadLetter ? name(model, node.deadLetter) : 'none';
    b.push({
      list: [
        `Partitions: ${node.partitions ?? 'n/a'}; retention: ${node.retentionHours ? `${node.retentionHours} h` : 'broker default'}; dead-letter: ${dlq}`,
        `Publishers: ${pubs.join(', ') || 'none'}`,
        `Consumers: ${subs.join(', ') || 'none'}`,
      ],
    });
    const msgs = Object.entries(node.messages ?? {});
    if (msgs.length) {
      b.push({
        table: {
          head: ['Message', 'Schema', 'Key', 'Description'],
          rows: msgs.map(([m, spec]) => [m, spec.schema ?? 'untyped', spec.key ?? '', spec.description ?? '']),
        },
      });
      const all = namedSchemas(model);
      const [first] = msgs.filter(([, s]) => s.schema && all[s.schema]);
      if (first) {
        b.push({
          code: JSON.stringify(exampleFor(all[first[1].schema!], all), null, 2),
          lang: 'json',
          title: `Example ${first[0]} payload`,
        });
      }
    }
  }

  // ------------------------------------------------------------ technology
  b.push({ h: 2, text: 'Technology choices and trade-offs' });
  const techRows = nodes
    .filter(([, n]) => n.tech || ('engine' in n && n.engine) || ('broker' in n && n.broker))
    .map(([id, n]): Cell[] => [
      displayName(id, n),
      n.kind,
      [n.tech, 'engine' in n ? n.engine : undefined, 'broker' in n ? n.broker : undefined].filter(Boolean).join(', '),
    ]);
  if (techRows.length) b.push({ table: { head: ['Node', 'Kind', 'Technology'], rows: techRows } });
  const decisions = model.decisions ?? [];
  if (decisions.length) {
    for (const [i, d] of decisions.entries()) {
      b.push({ h: 3, text: `${d.title} (${d.status})` });
      const parts: Cell[] = [];
      if (d.decision) parts.push([{ strong: 'Decision: ' }, d.decision]);
      if (d.context) parts.push([{ strong: 'Why: ' }, d.context]);
      if (d.consequences) parts.push([{ strong: 'Trade-offs: ' }, d.consequences]);
      if (d.alternatives?.length) parts.push([{ strong: 'Alternatives: ' }, d.alternatives.join('; ')]);
      parts.push([{ link: `ADR ${i + 1}`, href: `decisions/${adrFileName(d, i)}` }]);
      b.push({ list: parts });
    }
  } else {
    b.push({
      p: ['No decisions are recorded yet. Record the reasons for each technology choice as a decision in the model.'],
    });
  }

  // ------------------------------------------------------------ analysis
  analysisSection(model, b, analysis);

  // ------------------------------------------------------------ security
  securitySection(model, b, analysis);

  // ------------------------------------------------------------ observability
  observabilitySection(model, b, analysis);

  // ------------------------------------------------------------ notes, ADRs, files
  b.push({ h: 2, text: 'Open questions' });
  const notes = model.notes ?? [];
  if (notes.length)
    b.push({ list: notes.map((n): Cell => (n.node ? [{ strong: `${name(model, n.node)}: ` }, n.text] : n.text)) });
  else b.push({ p: ['None recorded.'] });

  b.push({ h: 2, text: 'Architecture decision records' });
  if (decisions.length) {
    b.push({
      list: decisions.map((d, i): Cell => [
        { link: `${String(i + 1).padStart(4, '0')} ${d.title}`, href: `decisions/${adrFileName(d, i)}` },
        ` (${d.status})`,
      ]),
    });
  } else b.push({ p: ['None yet.'] });

  if (input.files?.length) {
    b.push({ h: 2, text: 'Files in this package' });
    b.push({ list: input.files.map((f): Cell => ({ link: f, href: f })) });
  }
  return b;
}

function serviceSection(model: Model, id: string, node: ApiNode, b: Block[], analysis?: AnalysisResult): void {
  b.push({ h: 3, text: `${displayName(id, node)} (${node.kind})` });
  if (node.description) b.push({ p: [node.description] });
  const figures = analysis?.nodes[id];
  const facts: Cell[] = [
    `Context: ${node.context ? (model.contexts?.[node.context]?.name ?? node.context) : 'none'}; technology: ${node.tech ?? 'unspecified'}`,
    `Replicas: ${node.replicas ?? 1}; capacity: ${node.capacity ? `${node.capacity.rps} rps per replica` : 'not modelled'}; own latency: ${node.latencyMs ?? 0} ms`,
  ];
  if (figures)
    facts.push(
      `Load: ${fmt(figures.load)} rps; utilization: ${pct(figures.utilization)}; latency budget: ${figures.latencyMs === null ? 'unbounded or undefined' : `${fmt(figures.latencyMs)} ms`}`,
    );
  b.push({ list: facts });
  const api = node.api;
  if (!api) return;
  const style = api.style ?? 'rest';
  if (style === 'rest') {
    b.push({
      p: [
        `REST API ${api.version ?? '(unversioned)'}${api.basePath ? ` at ${api.basePath}` : ''}. Contract: `,
        { link: `openapi/${id}.yaml`, href: `openapi/${id}.yaml` },
        '.',
      ],
    });
    for (const ep of api.endpoints ?? []) endpointBlocks(model, ep, b);
  } else if (style === 'grpc') {
    b.push({
      p: [
        `gRPC API, package ${api.package ?? 'derived from the node id'}. Contract: `,
        { link: `proto/${id}.proto`, href: `proto/${id}.proto` },
        '.',
      ],
    });
    const rpcs = api.rpcs ?? [];
    if (rpcs.length) {
      b.push({
        table: {
          head: ['RPC', 'Request', 'Response', 'Streaming', 'Description'],
          rows: rpcs.map((r) => [
            r.name,
            r.request ?? 'Empty',
            r.response ?? 'Empty',
            r.streaming ?? 'none',
            r.description ?? '',
          ]),
        },
      });
    }
  } else {
    b.push({
      p: [
        `${style === 'graphql' ? 'GraphQL' : 'WebSocket'} API${api.version ? ` ${api.version}` : ''}. ${style === 'graphql' ? `Maximum query depth: ${api.maxQueryDepth ?? 'not limited (set one to bound query cost)'}.` : 'Messages are not exported as a contract yet.'}`,
      ],
    });
  }
}

function endpointBlocks(model: Model, ep: EndpointSpec, b: Block[]): void {
  const all = namedSchemas(model);
  b.push({ h: 4, text: `${ep.method} ${ep.path}` });
  const intro: Inline[] = [];
  if (ep.summary) intro.push(ep.summary);
  if (ep.description) intro.push(intro.length ? ` ${ep.description}` : ep.description);
  if (intro.length) b.push({ p: intro });
  const params = [...ep.path.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1]!);
  const query = Object.keys(ep.query ?? {});
  if (params.length || query.length) {
    b.push({
      p: [`Parameters: ${[...params.map((p) => `${p} (path)`), ...query.map((q) => `${q} (query)`)].join(', ')}`],
    });
  }
  if (ep.request && all[ep.request]) {
    b.push({
      code: JSON.stringify(exampleFor(all[ep.request], all), null, 2),
      lang: 'json',
      title: `Example request (${ep.request})`,
    });
  }
  const responses = Object.entries(ep.responses ?? {});
  if (responses.length) {
    b.push({
      table: {
        head: ['Status', 'Meaning', 'Body'],
        rows: responses.map(([status, spec]) => {
          const schema = typeof spec === 'string' ? spec : spec.schema;
          const desc = typeof spec === 'object' && spec.description ? spec.description : (STATUS_TEXT[status] ?? '');
          return [status, desc, schema ?? (/^[45]/.test(status) ? 'Problem (RFC 9457)' : '')];
        }),
      },
    });
    const ok = responses.find(([s, spec]) => /^2/.test(s) && (typeof spec === 'string' || spec.schema));
    if (ok) {
      const schema = typeof ok[1] === 'string' ? ok[1] : ok[1].schema!;
      if (all[schema])
        b.push({
          code: JSON.stringify(exampleFor(all[schema], all), null, 2),
          lang: 'json',
          title: `Example response ${ok[0]} (${schema})`,
        });
    }
  }
}

function dataSection(model: Model, links: ResolvedLink[], id: string, node: ModelNode, b: Block[]): void {
  b.push({ h: 3, text: `${displayName(id, node)} (${node.kind})` });
  if (node.description) b.push({ p: [node.description] });
  if (node.kind === 'cache') {
    b.push({
      list: [
        `Engine: ${node.engine ?? 'unspecified'}; TTL: ${node.ttlSeconds ? `${node.ttlSeconds} s` : 'none'}; invalidation: ${node.invalidation ?? 'ttl'}`,
      ],
    });
    return;
  }
  if (node.kind !== 'database') return;
  const users = [...new Set(links.filter((l) => l.to === id).map((l) => name(model, l.from)))];
  b.push({
    list: [
      `Engine: ${node.engine ?? 'unspecified'}; owner: ${node.owner ? name(model, node.owner) : 'none'}; read replicas: ${node.readReplicas ?? 0}`,
      `Accessed by: ${users.join(', ') || 'nobody'}`,
    ],
  });
  const tables = Object.entries(node.tables ?? {});
  if (!tables.length) return;
  if (['postgres', 'mysql', 'sqlite'].includes(node.engine ?? '')) {
    b.push({ p: ['DDL: ', { link: `schemas/${id}.sql`, href: `schemas/${id}.sql` }, '.'] });
  }
  b.push({
    table: {
      head: ['Table', 'Columns', 'Primary key', 'Indexes', 'Rows', 'Shard key'],
      rows: tables.map(([t, spec]) => [
        t,
        String(Object.keys(spec.columns).length),
        Object.entries(spec.columns)
          .filter(([, c]) => c.primaryKey)
          .map(([c]) => c)
          .join(', '),
        (spec.indexes ?? []).map((i) => `${i.unique ? 'unique ' : ''}(${i.columns.join(', ')})`).join('; '),
        spec.rows !== undefined ? spec.rows.toExponential(1) : '',
        spec.shardKey ?? '',
      ]),
    },
  });
  const er = mermaidEr(node);
  if (er) b.push({ diagram: er, caption: `Entities and relationships of ${displayName(id, node)}` });
}

const FINDING_HEAD = ['Rule', 'Where', 'Finding', 'Suggestion'];
const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

function findingRows(model: Model, findings: Finding[]): Cell[][] {
  return findings.map((f) => [
    [{ strong: f.severity }, ' ', { code: f.rule }],
    f.nodes.map((n) => name(model, n)).join(', '),
    f.message,
    f.suggestion,
  ]);
}

function analysisSection(model: Model, b: Block[], analysis?: AnalysisResult): void {
  b.push({ h: 2, text: 'Analysis' });
  if (!analysis) {
    b.push({ p: ['The analysis was not run for this export.'] });
    return;
  }
  const slo = sloOf(model);
  const th = thresholdsOf(model);
  b.push({
    p: [
      'Full results: ',
      { link: 'analysis.json', href: 'analysis.json' },
      ' and ',
      { link: 'analysis.sarif', href: 'analysis.sarif' },
      '. Latencies are planning budgets (sums of per-hop p99s), not forecasts.',
    ],
  });

  b.push({ h: 3, text: 'Entry points' });
  const entries = Object.entries(analysis.entries);
  if (entries.length) {
    b.push({
      table: {
        head: [
          'Client',
          'Load (rps)',
          'Latency budget',
          `Within ${slo.latencyP99Ms} ms`,
          'Availability',
          `Meets ${slo.availability}%`,
        ],
        rows: entries.map(([id, e]) => [
          name(model, id),
          fmt(e.rps),
          e.latencyMs === null ? 'unbounded/undefined' : `${fmt(e.latencyMs)} ms`,
          e.latencyMs === null ? 'no' : e.latencyMs <= slo.latencyP99Ms ? 'yes' : 'no',
          avail(e.availability),
          e.availability >= slo.availability ? 'yes' : 'no',
        ]),
      },
    });
  } else b.push({ p: ['No clients: nothing offers load.'] });

  b.push({ h: 3, text: 'Bottlenecks' });
  const loaded = Object.entries(analysis.nodes)
    .filter(([, f]) => f.utilization !== null)
    .sort((a, c) => (c[1].utilization ?? 0) - (a[1].utilization ?? 0))
    .slice(0, 10);
  if (loaded.length) {
    b.push({
      table: {
        head: [
          'Node',
          'Load (rps)',
          'Capacity (rps)',
          'Utilization',
          'Latency budget',
          'Replicas for < ' + pct(th.hotspotUtilization),
        ],
        rows: loaded.map(([id, f]) => {
          const n = model.nodes[id];
          const perReplica = n?.capacity?.rps;
          const need =
            perReplica && f.load ? Math.max(1, Math.ceil(f.load / (perReplica * th.hotspotUtilization))) : undefined;
          return [
            name(model, id),
            fmt(f.load),
            fmt(f.capacity),
            pct(f.utilization),
            f.latencyMs === null ? 'unbounded' : `${fmt(f.latencyMs)} ms`,
            need !== undefined ? `${need} (now ${n?.replicas ?? 1})` : 'n/a',
          ];
        }),
      },
    });
  } else
    b.push({
      p: [
        'No node has both a load and a capacity, so no bottleneck can be named. Add capacity.rps to the busiest nodes.',
      ],
    });

  b.push({ h: 3, text: 'Scaling advice' });
  const s = analysis.summary;
  const advice: Cell[] = [];
  if (s.maxScale !== null && s.bottleneck) {
    advice.push(
      `The system takes ${fmt(s.maxScale, 2)}x today's client load before ${name(model, s.bottleneck)} saturates; scale it out first (more replicas or more capacity per replica).`,
    );
  }
  for (const [id, f] of loaded.filter(([, f]) => (f.utilization ?? 0) >= th.hotspotUtilization)) {
    advice.push(
      `${name(model, id)} runs at ${pct(f.utilization)}: add replicas, cache its reads, or move work to asynchronous processing.`,
    );
  }
  const dbs = Object.entries(model.nodes).filter(([, n]) => n.kind === 'database');
  for (const [id, n] of dbs) {
    if (n.kind === 'database' && !n.readReplicas && (analysis.nodes[id]?.utilization ?? 0) >= 0.5)
      advice.push(`${name(model, id)}: consider read replicas for read-heavy traffic.`);
  }
  b.push(advice.length ? { list: advice } : { p: ['No scaling concern at the modelled load.'] });

  b.push({ h: 3, text: 'Failure modes' });
  const open = analysis.findings
    .filter((f) => !f.suppressed)
    .sort((a, c) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[c.severity]);
  if (open.length) b.push({ table: { head: FINDING_HEAD, rows: findingRows(model, open) } });
  else b.push({ p: ['No open findings.'] });
  const suppressed = analysis.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    b.push({ p: ['Accepted (suppressed) findings:'] });
    b.push({
      table: {
        head: ['Rule', 'Where', 'Reason'],
        rows: suppressed.map((f) => [
          { code: f.rule },
          f.nodes.map((n) => name(model, n)).join(', '),
          f.suppressionReason ?? '',
        ]),
      },
    });
  }

  b.push({ h: 3, text: 'Blast radius' });
  const radius = Object.entries(analysis.nodes)
    .filter(([id, f]) => f.blastRadius.length > 0 && model.nodes[id]?.kind !== 'client')
    .sort((a, c) => c[1].blastRadius.length - a[1].blastRadius.length || a[0].localeCompare(c[0]));
  if (radius.length) {
    b.push({
      table: {
        head: ['Node', 'Kind', 'Replicas', 'Availability', 'Clients down when it fails'],
        rows: radius.map(([id, f]) => {
          const n = model.nodes[id]!;
          return [
            name(model, id),
            n.kind,
            String(n.replicas ?? 1),
            avail(f.availability),
            f.blastRadius.map((c) => name(model, c)).join(', '),
          ];
        }),
      },
    });
  } else b.push({ p: ['No node is a hard dependency of a client.'] });
}

function securitySection(model: Model, b: Block[], analysis?: AnalysisResult): void {
  b.push({ h: 2, text: 'Security per layer' });
  const nodes = Object.entries(model.nodes);
  const links = resolveLinks(model);
  const authOf = (n: ModelNode) => n.security?.auth ?? 'none';
  const rows = (kinds: string[]) =>
    nodes
      .filter(([, n]) => kinds.includes(n.kind))
      .map(([id, n]): Cell[] => [
        displayName(id, n),
        authOf(n),
        n.security?.rateLimitRps ? `${n.security.rateLimitRps} rps` : 'none',
        n.security?.rbac ? 'yes' : 'no',
      ]);
  b.push({ h: 3, text: 'Gateway layer' });
  const edge = rows(['gateway', 'loadbalancer', 'cdn']);
  b.push(
    edge.length
      ? { table: { head: ['Node', 'Authentication', 'Rate limit', 'RBAC'], rows: edge } }
      : {
          p: [
            'No gateway: clients reach services directly. Put a gateway in front to validate JWTs and rate-limit in one place.',
          ],
        },
  );
  b.push({ h: 3, text: 'Service layer' });
  const svc = rows(['service', 'worker', 'function']);
  if (svc.length) b.push({ table: { head: ['Node', 'Authentication', 'Rate limit', 'RBAC'], rows: svc } });
  const between = links.filter((l) => {
    const a = model.nodes[l.from]?.kind ?? '';
    const c = model.nodes[l.to]?.kind ?? '';
    const inner = ['gateway', 'service', 'worker', 'function'];
    return inner.includes(a) && inner.includes(c) && linkMode(model, l) === 'sync';
  });
  b.push({
    p: [`Service-to-service calls: ${between.length}, of which ${between.filter((l) => l.mtls).length} use mTLS.`],
  });
  b.push({ h: 3, text: 'Data layer' });
  const data = nodes.filter(([, n]) => ['database', 'cache', 'storage'].includes(n.kind));
  if (data.length) {
    b.push({
      table: {
        head: ['Store', 'Owner', 'Accessed by', 'Encrypted link (mTLS)'],
        rows: data.map(([id, n]) => {
          const inbound = links.filter((l) => l.to === id);
          return [
            displayName(id, n),
            n.kind === 'database' && n.owner ? name(model, n.owner) : 'none',
            [...new Set(inbound.map((l) => name(model, l.from)))].join(', ') || 'nobody',
            inbound.length ? `${inbound.filter((l) => l.mtls).length}/${inbound.length}` : 'n/a',
          ];
        }),
      },
    });
  }
  const secrets = nodes.filter(([, n]) => Object.keys(n.config ?? {}).length > 0);
  b.push({
    p: [
      secrets.length
        ? `Configuration is modelled on ${secrets.length} nodes; secrets must come from the environment or Vault (references such as vault:, env:), never literals.`
        : 'No configuration is modelled. Keep secrets in the environment or Vault.',
    ],
  });
  const sec =
    analysis?.findings.filter(
      (f) => !f.suppressed && (f.rule.startsWith('security.') || f.rule === 'data.direct-client-access'),
    ) ?? [];
  if (sec.length) b.push({ table: { head: FINDING_HEAD, rows: findingRows(model, sec) } });
}

function observabilitySection(model: Model, b: Block[], analysis?: AnalysisResult): void {
  b.push({ h: 2, text: 'Observability plan' });
  const svc = Object.entries(model.nodes).filter(([, n]) =>
    ['gateway', 'service', 'worker', 'function'].includes(n.kind),
  );
  b.push({
    p: [
      'Structured JSON logs carry the trace and correlation ids; every call to a database, cache or downstream service gets an OpenTelemetry span.',
    ],
  });
  b.push({ h: 3, text: 'Health endpoints and tracing' });
  if (svc.length) {
    b.push({
      table: {
        head: ['Node', 'Liveness', 'Readiness', 'Metrics', 'Tracing'],
        rows: svc.map(([id, n]) => {
          const o = n.observability ?? {};
          return [
            displayName(id, n),
            o.liveness ?? 'missing',
            o.readiness ?? 'missing',
            o.metrics ?? 'missing',
            o.tracing ?? 'missing',
          ];
        }),
      },
    });
  }
  b.push({ h: 3, text: 'RED metrics per endpoint' });
  const red: Cell[][] = [];
  for (const [id, n] of svc) {
    if (!('api' in n) || !n.api) continue;
    for (const ep of n.api.endpoints ?? []) {
      const sel = `service="${id}",route="${ep.path.replace(/["\\]/g, '')}",method="${ep.method}"`;
      red.push([
        displayName(id, n),
        `${ep.method} ${ep.path}`,
        { code: `rate(http_server_requests_total{${sel}}[5m])` },
        { code: `rate(http_server_requests_total{${sel},code=~"5.."}[5m])` },
        { code: `histogram_quantile(0.99, rate(http_server_request_duration_seconds_bucket{${sel}}[5m]))` },
      ]);
    }
    for (const r of n.api.rpcs ?? []) {
      const sel = `service="${id}",rpc_method="${r.name}"`;
      red.push([
        displayName(id, n),
        `rpc ${r.name}`,
        { code: `rate(rpc_server_requests_total{${sel}}[5m])` },
        { code: `rate(rpc_server_requests_total{${sel},rpc_grpc_status_code!="0"}[5m])` },
        { code: `histogram_quantile(0.99, rate(rpc_server_duration_seconds_bucket{${sel}}[5m]))` },
      ]);
    }
  }
  b.push(
    red.length
      ? { table: { head: ['Node', 'Endpoint', 'Rate', 'Errors', 'Duration (p99)'], rows: red } }
      : { p: ['No endpoints are modelled; add them to get per-endpoint RED metrics.'] },
  );
  b.push({ h: 3, text: 'SLO alerts' });
  const groups =
    (alertRules(model, analysis).groups as {
      rules: { alert: string; labels: { severity: string }; annotations: { summary: string } }[];
    }[]) ?? [];
  const rules = groups.flatMap((g) => g.rules);
  b.push({
    p: [
      'Prometheus rules: ',
      { link: 'observability/alerts.yaml', href: 'observability/alerts.yaml' },
      ` (${rules.length} alerts).`,
    ],
  });
  if (rules.length) {
    b.push({
      table: {
        head: ['Alert', 'Severity', 'Fires when'],
        rows: rules.slice(0, 60).map((r) => [{ code: r.alert }, r.labels.severity, r.annotations.summary]),
      },
    });
    if (rules.length > 60) b.push({ p: [`... and ${rules.length - 60} more in the rules file.`] });
  }
}

export function reportMarkdown(model: Model, input: ReportInput = {}): string {
  return toMarkdown(reportBlocks(model, input));
}
