/**
 * AsyncAPI 3.0 for every queue and topic: a channel each, `send` operations
 * from publish links, `receive` operations from consume links (with the
 * consumer group), servers per broker, and message payloads as JSON Schema
 * with references into components.
 */
import { displayName, isMessaging, linkMode, resolveLinks, type Model, type NodeOfKind } from '../model';
import { namedSchemas, pointerToken, relocateSchema, schemaClosure } from './schemas';
import { toYaml } from './yaml';

type Messaging = NodeOfKind<'queue' | 'topic'>;

const PROTOCOL: Record<string, { protocol: string; host: string; binding?: string }> = {
  kafka: { protocol: 'kafka', host: 'kafka.example.internal:9092', binding: 'kafka' },
  nats: { protocol: 'nats', host: 'nats.example.internal:4222' },
  sqs: { protocol: 'sqs', host: 'sqs.eu-west-1.amazonaws.com' },
  rabbitmq: { protocol: 'amqp', host: 'rabbitmq.example.internal:5672', binding: 'amqp' },
  pubsub: { protocol: 'googlepubsub', host: 'pubsub.googleapis.com' },
};

/** A key AsyncAPI accepts for channels, operations and components: ^[A-Za-z0-9_-]+$. */
function key(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_') || '_';
}

function uniqueKey(base: string, taken: Set<string>): string {
  let k = key(base);
  for (let n = 2; taken.has(k); n++) k = `${key(base)}_${n}`;
  taken.add(k);
  return k;
}

export function asyncApiDocument(model: Model): Record<string, unknown> {
  const all = namedSchemas(model);
  const brokers = Object.entries(model.nodes).filter((e): e is [string, Messaging] => isMessaging(e[1]));
  const servers: Record<string, unknown> = {};
  const channels: Record<string, Record<string, unknown>> = {};
  const operations: Record<string, unknown> = {};
  const componentMessages: Record<string, unknown> = {};
  const usedSchemas = new Set<string>();
  const channelKeys = new Set<string>();
  const opKeys = new Set<string>();
  const messageKeys = new Map<string, string>(); // `${schema}|${name}` -> component key
  const channelOf = new Map<string, string>();
  const msgKeyTaken = new Set<string>();

  for (const [id, node] of brokers) {
    const broker = node.broker ?? 'other';
    const proto = PROTOCOL[broker];
    if (proto && !servers[broker]) {
      servers[broker] = {
        host: proto.host,
        protocol: proto.protocol,
        description: `The ${broker} cluster (the host is a placeholder for the deployment).`,
      };
    }
    const ck = uniqueKey(id, channelKeys);
    channelOf.set(id, ck);
    const messages: Record<string, unknown> = {};
    for (const [name, msg] of Object.entries(node.messages ?? {})) {
      const identity = `${msg.schema ?? ''}|${name}|${msg.key ?? ''}|${msg.description ?? ''}`;
      let mk = messageKeys.get(identity);
      if (!mk) {
        mk = uniqueKey(name, msgKeyTaken);
        messageKeys.set(identity, mk);
        if (msg.schema) usedSchemas.add(msg.schema);
        componentMessages[mk] = {
          name,
          title: name,
          contentType: 'application/json',
          ...(msg.description ? { summary: msg.description } : {}),
          ...(msg.schema && all[msg.schema]
            ? { payload: { $ref: `#/components/schemas/${pointerToken(msg.schema)}` } }
            : {}),
          ...(msg.key && broker === 'kafka'
            ? {
                bindings: {
                  kafka: {
                    key: {
                      type: 'string',
                      description: `The message key: the ${msg.key} field (decides the partition).`,
                    },
                    bindingVersion: '0.5.0',
                  },
                },
              }
            : {}),
        };
      }
      messages[key(name)] = { $ref: `#/components/messages/${mk}` };
    }
    const dlq = node.deadLetter === true ? `${id}.dlq` : node.deadLetter;
    const description = [
      node.description,
      `${node.kind === 'topic' ? 'Topic' : 'Queue'} on ${broker}.`,
      dlq ? `Failed messages go to the dead-letter destination ${dlq}.` : 'No dead-letter destination is modelled.',
      node.retentionHours ? `Retention: ${node.retentionHours} h.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const channel: Record<string, unknown> = {
      address: id,
      title: displayName(id, node),
      description,
      messages,
    };
    if (proto) channel.servers = [{ $ref: `#/servers/${broker}` }];
    if (broker === 'kafka') {
      channel.bindings = {
        kafka: {
          topic: id,
          ...(node.partitions ? { partitions: node.partitions } : {}),
          ...(node.retentionHours
            ? { topicConfiguration: { 'retention.ms': Math.round(node.retentionHours * 3600_000) } }
            : {}),
          bindingVersion: '0.5.0',
        },
      };
    } else if (broker === 'rabbitmq') {
      channel.bindings = {
        amqp:
          node.kind === 'queue'
            ? {
                is: 'queue',
                queue: { name: id, durable: true, exclusive: false, autoDelete: false },
                bindingVersion: '0.3.0',
              }
            : {
                is: 'routingKey',
                exchange: { name: id, type: 'topic', durable: true, autoDelete: false },
                bindingVersion: '0.3.0',
              },
      };
    }
    channels[ck] = channel;
  }

  for (const link of resolveLinks(model)) {
    const mode = linkMode(model, link);
    if (mode !== 'publish' && mode !== 'consume') continue;
    const brokerId = mode === 'publish' ? link.to : link.from;
    const peer = mode === 'publish' ? link.from : link.to;
    const node = model.nodes[brokerId] as Messaging | undefined;
    const ck = channelOf.get(brokerId);
    if (!node || !ck) continue;
    const channelMessages = Object.keys((channels[ck]!.messages as Record<string, unknown>) ?? {});
    const chosen =
      mode === 'publish' && link.message && channelMessages.includes(key(link.message))
        ? [key(link.message)]
        : channelMessages;
    const group = link.group ?? peer;
    const peerNode = model.nodes[peer];
    const op: Record<string, unknown> = {
      action: mode === 'publish' ? 'send' : 'receive',
      channel: { $ref: `#/channels/${ck}` },
      title: `${peerNode ? displayName(peer, peerNode) : peer} ${mode === 'publish' ? 'publishes to' : 'consumes from'} ${displayName(brokerId, node)}`,
      ...(link.description ? { description: link.description } : {}),
      messages: chosen.map((m) => ({ $ref: `#/channels/${ck}/messages/${m}` })),
    };
    if (mode === 'consume') {
      op.summary =
        node.kind === 'topic'
          ? `Consumer group ${group}: every group receives every message.`
          : 'Competing consumers: each message is delivered to one of them.';
      if (node.broker === 'kafka') {
        op.bindings = {
          kafka: {
            groupId: { type: 'string', enum: [group] },
            clientId: { type: 'string', enum: [peer] },
            bindingVersion: '0.5.0',
          },
        };
      } else if (node.broker === 'rabbitmq') {
        op.bindings = { amqp: { ack: true, bindingVersion: '0.3.0' } };
      }
    } else if (node.broker === 'rabbitmq') {
      op.bindings = { amqp: { deliveryMode: 2, bindingVersion: '0.3.0' } };
    }
    operations[uniqueKey(`${peer}-${mode === 'publish' ? 'sends-to' : 'receives-from'}-${brokerId}`, opKeys)] = op;
  }

  const schemas: Record<string, unknown> = {};
  const ref = (name: string) => `#/components/schemas/${pointerToken(name)}`;
  for (const name of schemaClosure(model, usedSchemas)) schemas[name] = relocateSchema(all[name], ref, ref(name));

  const components: Record<string, unknown> = {};
  if (Object.keys(componentMessages).length) components.messages = componentMessages;
  if (Object.keys(schemas).length) components.schemas = schemas;
  return {
    asyncapi: '3.0.0',
    info: {
      title: `${model.name}: events`,
      version: '1.0.0',
      description: [model.description, 'Every queue and topic of the design, with who publishes and who consumes.']
        .filter(Boolean)
        .join('\n\n'),
    },
    defaultContentType: 'application/json',
    ...(Object.keys(servers).length ? { servers } : {}),
    channels,
    operations,
    components,
  };
}

export function asyncApiYaml(model: Model): string {
  return toYaml(asyncApiDocument(model), 'AsyncAPI 3.0 contract generated by Keel from the design model.');
}
