/**
 * proto3 per gRPC api. Messages are mapped from the model's JSON Schemas:
 * field numbers follow property order (stable as long as properties are only
 * appended), enums get a zero `*_UNSPECIFIED` value as proto3 requires,
 * date-time strings become google.protobuf.Timestamp.
 */
import type { Model, NodeOfKind } from '../model';
import { displayName } from '../model';
import { pascalCase, protoComment } from './escape';
import { modelRefName, namedSchemas, schemaClosure, type JsonSchema } from './schemas';

type ApiNode = NodeOfKind<'gateway' | 'service' | 'worker' | 'function'>;

export function grpcApiNodes(model: Model): [string, ApiNode][] {
  return Object.entries(model.nodes).filter((e): e is [string, ApiNode] => 'api' in e[1] && e[1].api?.style === 'grpc');
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  'syntax',
  'import',
  'package',
  'option',
  'message',
  'enum',
  'service',
  'rpc',
  'returns',
  'stream',
  'repeated',
  'optional',
  'reserved',
  'map',
  'oneof',
  'true',
  'false',
  'to',
  'max',
  'extend',
  'extensions',
  'weak',
  'public',
  'required',
  'group',
]);

/** Checks a generated identifier before it is written: defence in depth. */
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a valid proto identifier: ${JSON.stringify(name)}`);
  return name;
}

function fieldName(prop: string): string {
  let name = prop
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (!name || /^[0-9]/.test(name)) name = `f_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

function enumValue(prefix: string, value: unknown): string {
  const v = String(value)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `${prefix}_${v || 'VALUE'}`;
}

function protoString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

interface Ctx {
  all: Record<string, JsonSchema>;
  imports: Set<string>;
  /** Type name for each model schema (messages, or enums for string enums). */
  typeOf: Map<string, string>;
}

function isObjectSchema(s: JsonSchema | undefined): boolean {
  return !!s && (s.type === 'object' || (!!s.properties && s.type === undefined));
}

function nonNullType(s: JsonSchema): string | undefined {
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null') as string | undefined;
  return undefined;
}

/** Renders one message (and its nested types) at `indent`. */
function message(name: string, schema: JsonSchema, ctx: Ctx, indent: string, description?: string): string[] {
  const lines: string[] = [];
  if (description) lines.push(`${indent}// ${protoComment(description)}`);
  lines.push(`${indent}message ${ident(name)} {`);
  const inner = indent + '  ';
  const nested: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const usedNames = new Set<string>();
  const nestedNames = new Set<string>();
  let number = 0;
  for (const [prop, raw] of Object.entries(props)) {
    number++;
    if (number === 19000) number = 20000; // reserved by protobuf
    let fname = fieldName(prop);
    for (let n = 2; usedNames.has(fname); n++) fname = `${fieldName(prop)}_${n}`;
    usedNames.add(fname);
    const s = (raw && typeof raw === 'object' ? raw : {}) as JsonSchema;
    const nestedName = (suffix: string) => {
      let n = pascalCase(prop) + suffix;
      while (nestedNames.has(n) || n === name) n += '_';
      nestedNames.add(n);
      return n;
    };
    const t = fieldType(s, ctx, nestedName, nested, inner);
    const jsonName = prop !== fname && prop !== snakeToCamel(fname) ? ` [json_name = ${protoString(prop)}]` : '';
    const label = t.repeated || t.map ? '' : !required.has(prop) && t.scalar ? 'optional ' : '';
    if (typeof s.description === 'string') lines.push(`${inner}// ${protoComment(s.description)}`);
    lines.push(`${inner}${t.repeated ? 'repeated ' : ''}${label}${t.type} ${fname} = ${number}${jsonName};`);
  }
  lines.splice(description ? 2 : 1, 0, ...nested);
  lines.push(`${indent}}`);
  return lines;
}

function snakeToCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

interface FieldType {
  type: string;
  repeated?: boolean;
  map?: boolean;
  scalar?: boolean;
}

function fieldType(
  s: JsonSchema,
  ctx: Ctx,
  nestedName: (suffix: string) => string,
  nested: string[],
  indent: string,
): FieldType {
  const ref = modelRefName(s.$ref);
  if (ref) return { type: ctx.typeOf.get(ref) ?? valueType(ctx), scalar: ctx.all[ref]?.enum !== undefined };
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) {
    const name = nestedName('');
    nested.push(...enumLines(name, s.enum as string[], indent));
    return { type: name, scalar: true };
  }
  const type = nonNullType(s);
  switch (type) {
    case 'string':
      if (s.format === 'date-time') {
        ctx.imports.add('google/protobuf/timestamp.proto');
        return { type: 'google.protobuf.Timestamp' };
      }
      if (s.format === 'byte' || s.format === 'binary' || s.contentEncoding === 'base64')
        return { type: 'bytes', scalar: true };
      return { type: 'string', scalar: true };
    case 'integer': {
      const min = typeof s.minimum === 'number' ? s.minimum : -Infinity;
      const max = typeof s.maximum === 'number' ? s.maximum : Infinity;
      if (min >= 0 && max <= 4294967295) return { type: max <= 2147483647 ? 'int32' : 'uint32', scalar: true };
      if (min >= -2147483648 && max <= 2147483647) return { type: 'int32', scalar: true };
      return { type: 'int64', scalar: true };
    }
    case 'number':
      return { type: 'double', scalar: true };
    case 'boolean':
      return { type: 'bool', scalar: true };
    case 'array': {
      const items = (s.items && typeof s.items === 'object' ? s.items : {}) as JsonSchema;
      if (nonNullType(items) === 'array') {
        // proto has no repeated-of-repeated: wrap the inner list in a message.
        const name = nestedName('List');
        const inner = fieldType(items, ctx, (x) => `${name}${x}`, nested, indent);
        nested.push(`${indent}message ${ident(name)} {`, `${indent}  repeated ${inner.type} values = 1;`, `${indent}}`);
        return { type: name, repeated: true };
      }
      return { ...fieldType(items, ctx, nestedName, nested, indent), repeated: true, scalar: false };
    }
    case 'object':
    case undefined: {
      const props = s.properties as Record<string, unknown> | undefined;
      if (props && Object.keys(props).length > 0) {
        const name = nestedName('');
        nested.push(...message(name, s, ctx, indent));
        return { type: name };
      }
      const ap = s.additionalProperties;
      if (ap && typeof ap === 'object') {
        const v = fieldType(ap as JsonSchema, ctx, (x) => nestedName(`Value${x}`), nested, indent);
        if (!v.repeated && !v.map) return { type: `map<string, ${v.type}>`, map: true };
      }
      if (type === 'object') {
        ctx.imports.add('google/protobuf/struct.proto');
        return { type: 'google.protobuf.Struct' };
      }
      return { type: valueType(ctx) };
    }
    default:
      return { type: valueType(ctx) };
  }
}

function valueType(ctx: Ctx): string {
  ctx.imports.add('google/protobuf/struct.proto');
  return 'google.protobuf.Value';
}

function enumLines(name: string, values: string[], indent: string): string[] {
  const prefix = upperSnake(name);
  const seen = new Set<string>([`${prefix}_UNSPECIFIED`]);
  const lines = [`${indent}enum ${ident(name)} {`, `${indent}  ${prefix}_UNSPECIFIED = 0;`];
  let n = 0;
  for (const v of values) {
    let value = enumValue(prefix, v);
    while (seen.has(value)) value += '_';
    seen.add(value);
    lines.push(`${indent}  ${value} = ${++n};`);
  }
  lines.push(`${indent}}`);
  return lines;
}

export function protoFile(model: Model, id: string, node: ApiNode): string {
  const api = node.api ?? {};
  const all = namedSchemas(model);
  const rpcs = api.rpcs ?? [];
  const pkg = api.package ?? defaultPackage(id, api.version);
  const ctx: Ctx = { all, imports: new Set(), typeOf: new Map() };
  const roots = rpcs.flatMap((r) => [r.request, r.response]).filter((x): x is string => !!x);
  const closure = schemaClosure(model, roots);
  const types: string[][] = [];
  // Named schemas that are string enums become top-level enums; others, messages.
  for (const name of closure) ctx.typeOf.set(name, ident(name));
  const wrappers = new Map<string, string>();
  for (const name of closure) {
    const s = all[name]!;
    if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) {
      types.push(enumLines(name, s.enum as string[], ''));
    } else if (isObjectSchema(s)) {
      types.push(message(name, s, ctx, '', typeof s.description === 'string' ? s.description : undefined));
    } else {
      // A scalar or array schema: wrap it so it can be a field type and an rpc argument.
      types.push(message(name, { type: 'object', properties: { value: s }, required: ['value'] }, ctx, ''));
    }
  }
  const rpcType = (name: string | undefined): string => {
    if (!name) {
      ctx.imports.add('google/protobuf/empty.proto');
      return 'google.protobuf.Empty';
    }
    const s = all[name];
    if (s && Array.isArray(s.enum)) {
      // An enum cannot be an rpc argument: wrap it.
      let w = wrappers.get(name);
      if (!w) {
        w = `${name}Value`;
        while (all[w]) w += '_';
        wrappers.set(name, w);
        types.push([`message ${ident(w)} {`, `  ${name} value = 1;`, '}']);
      }
      return w;
    }
    return ctx.typeOf.get(name) ?? name;
  };
  const service = `${pascalCase(id)}Service`;
  const svc: string[] = [];
  if (node.description) svc.push(`// ${protoComment(node.description)}`);
  svc.push(`service ${ident(service)} {`);
  for (const r of rpcs) {
    const mode = r.streaming ?? 'none';
    const req = rpcType(r.request);
    const res = rpcType(r.response);
    if (r.description) svc.push(`  // ${protoComment(r.description)}`);
    svc.push(
      `  rpc ${ident(r.name)}(${mode === 'client' || mode === 'bidi' ? 'stream ' : ''}${req}) returns (${mode === 'server' || mode === 'bidi' ? 'stream ' : ''}${res});`,
    );
  }
  svc.push('}');
  const header = [
    `// ${protoComment(displayName(id, node))}: gRPC contract generated by Keel from the design model.`,
    `// Field numbers follow property order in the model's schemas: append new properties, never reorder.`,
    'syntax = "proto3";',
    '',
    `package ${pkg};`,
    '',
    ...[...ctx.imports].sort().map((i) => `import ${protoString(i)};`),
    ...(ctx.imports.size ? [''] : []),
  ];
  return [...header, ...svc, '', ...types.flatMap((t) => [...t, ''])].join('\n');
}

/** `orders-api` + v1 -> `orders_api.v1`: a package name protobuf accepts. */
export function defaultPackage(id: string, version?: string): string {
  let base = id
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, '_')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^[a-z]/.test(p) ? p : `x${p}`))
    .join('.');
  if (!base) base = 'keel';
  const v = version && /^v?\d+$/i.test(version) ? `.v${version.replace(/^v/i, '')}` : '';
  return `${base}${v}`;
}
