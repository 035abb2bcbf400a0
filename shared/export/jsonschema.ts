/**
 * JSON Schema (2020-12) per message: the message's schema at the root and
 * every named schema it refers to under `$defs`, so each file stands alone.
 */
import { isMessaging, type Model } from '../model';
import { namedSchemas, pointerToken, relocateSchema, schemaClosure } from './schemas';

export interface MessageInfo {
  name: string;
  schema?: string;
  key?: string;
  description?: string;
  /** Queues/topics that carry it. */
  channels: string[];
}

/** Every message name in the model, with the first definition winning for its schema. */
export function modelMessages(model: Model): MessageInfo[] {
  const byName = new Map<string, MessageInfo>();
  for (const [id, node] of Object.entries(model.nodes)) {
    if (!isMessaging(node)) continue;
    for (const [name, msg] of Object.entries(node.messages ?? {})) {
      const info = byName.get(name);
      if (info) {
        info.channels.push(id);
        info.schema ??= msg.schema;
        info.description ??= msg.description;
      } else {
        byName.set(name, { name, schema: msg.schema, key: msg.key, description: msg.description, channels: [id] });
      }
    }
  }
  return [...byName.values()];
}

export function messageJsonSchema(model: Model, msg: MessageInfo): Record<string, unknown> {
  const all = namedSchemas(model);
  // The message's own schema is the root: a recursive reference to it is `#`.
  const ref = (name: string) => (name === msg.schema ? '#' : `#/$defs/${pointerToken(name)}`);
  const root = msg.schema ? all[msg.schema] : undefined;
  const description = [msg.description, `Carried by ${msg.channels.join(', ')}.`, msg.key ? `Key: ${msg.key}.` : '']
    .filter(Boolean)
    .join(' ');
  const out: Record<string, unknown> = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: msg.name,
    description,
  };
  if (root) {
    const body = relocateSchema(root, ref, '') as Record<string, unknown>;
    const { $schema: _s, title: _t, description: d, $defs: ownDefs, ...rest } = body;
    if (typeof d === 'string') out.description = `${d} ${description}`;
    Object.assign(out, rest);
    const defs: Record<string, unknown> = { ...((ownDefs as Record<string, unknown>) ?? {}) };
    for (const name of schemaClosure(model, [msg.schema!])) {
      if (name === msg.schema) continue;
      defs[name] = relocateSchema(all[name], ref, ref(name));
    }
    if (Object.keys(defs).length) out.$defs = defs;
  }
  return out;
}

export function messageJsonSchemaText(model: Model, msg: MessageInfo): string {
  return JSON.stringify(messageJsonSchema(model, msg), null, 2) + '\n';
}
