import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateModel } from '../testing/generate-model';
import { validateModel, type Issue } from './validate';

const shopText = readFileSync(new URL('./fixtures/shop.keel.yaml', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shop = (): any => parse(shopText);

/** The one issue at `path`, failing when there is none. */
function at(issues: Issue[], ...path: (string | number)[]): Issue {
  const found = issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
  if (!found) throw new Error(`no issue at ${JSON.stringify(path)}; got ${JSON.stringify(issues, null, 1)}`);
  return found;
}

describe('validateModel', () => {
  it('accepts the completed example of the format and generated models', () => {
    expect(validateModel(shop())).toEqual([]);
    expect(validateModel(generateModel({ nodes: 300, links: 700 }))).toEqual([]);
    expect(validateModel(generateModel({ nodes: 50, links: 80, rich: false, cycles: 3 }))).toEqual([]);
  });

  it('names unknown keys with a suggestion, and fields of another kind', () => {
    const m = shop();
    m.nodes.gateway.replica = 2;
    m.nodes.gateway.rps = 5;
    m.slo.latencyP99 = 100;
    const issues = validateModel(m);
    expect(at(issues, 'nodes', 'gateway', 'replica')).toEqual({
      path: ['nodes', 'gateway', 'replica'],
      key: true,
      message: "unknown key 'replica' (did you mean 'replicas'?)",
    });
    expect(at(issues, 'nodes', 'gateway', 'rps').message).toBe("unknown key 'rps': a gateway node has no 'rps' (client nodes do)");
    expect(at(issues, 'slo', 'latencyP99').message).toBe("unknown key 'latencyP99' (did you mean 'latencyP99Ms'?)");
  });

  it('lists the valid kinds for a bad kind', () => {
    const m = shop();
    m.nodes.orders.kind = 'servic';
    m.nodes.shipping.kind = 7;
    delete m.nodes.gateway.kind;
    const issues = validateModel(m);
    expect(at(issues, 'nodes', 'orders', 'kind').message).toMatch(/^unknown kind 'servic' \(did you mean 'service'\?\); valid kinds: client, gateway, .*external$/);
    expect(at(issues, 'nodes', 'shipping', 'kind').message).toMatch(/valid kinds: client/);
    expect(at(issues, 'nodes', 'gateway', 'kind').message).toMatch(/^missing required key 'kind'; valid kinds/);
  });

  it('rejects ids that are not safe file names, at the key', () => {
    const m = shop();
    m.nodes['../x'] = { kind: 'cache' };
    m.contexts['Bad Context'] = {};
    m.schemas['1Order'] = { type: 'object' };
    const issues = validateModel(m);
    expect(at(issues, 'nodes', '../x')).toMatchObject({ key: true, message: expect.stringMatching(/^invalid key '\.\.\/x': must be an id/) });
    expect(at(issues, 'contexts', 'Bad Context').key).toBe(true);
    expect(at(issues, 'schemas', '1Order').message).toMatch(/must be a name/);
    // The bad id is not also reported as an unknown reference somewhere else.
    m.links.push({ from: 'orders', to: '../x' });
    const again = validateModel(m);
    expect(at(again, 'links', 5, 'to').message).toMatch(/must be an id/);
    expect(again.filter((i) => JSON.stringify(i.path) === JSON.stringify(['links', 5, 'to']))).toHaveLength(1);
  });

  it('reports unknown node, context, owner and dead-letter references', () => {
    const m = shop();
    m.links[0].to = 'gatewy';
    m.nodes.shipping.context = 'fulfillment';
    m.nodes['orders-db'].owner = 'order';
    m.nodes['order-events'].deadLetter = 'dlq';
    m.suppress[0].node = 'orders-dbb';
    m.layout.nope = { x: 1, y: 2 };
    const issues = validateModel(m);
    expect(at(issues, 'links', 0, 'to').message).toBe("unknown node 'gatewy' (did you mean 'gateway'?)");
    expect(at(issues, 'nodes', 'shipping', 'context').message).toBe("unknown context 'fulfillment' (did you mean 'fulfilment'?)");
    expect(at(issues, 'nodes', 'orders-db', 'owner').message).toBe("unknown owner node 'order' (did you mean 'orders'?)");
    expect(at(issues, 'nodes', 'order-events', 'deadLetter').message).toMatch(/^unknown dead-letter node 'dlq'/);
    expect(at(issues, 'suppress', 0, 'node').message).toBe("unknown node 'orders-dbb' (did you mean 'orders-db'?)");
    expect(at(issues, 'layout', 'nope')).toMatchObject({ key: true, message: "unknown node 'nope' in layout" });
  });

  it('checks dead-letter targets are queues or topics, and owners are not the database itself', () => {
    const m = shop();
    m.nodes['order-events'].deadLetter = 'orders';
    m.nodes['orders-db'].owner = 'orders-db';
    const issues = validateModel(m);
    expect(at(issues, 'nodes', 'order-events', 'deadLetter').message).toBe("dead-letter target 'orders' must be a queue or topic (it is a service)");
    expect(at(issues, 'nodes', 'orders-db', 'owner').message).toBe('a database cannot own itself');
    m.nodes['order-events'].deadLetter = 5;
    expect(at(validateModel(m), 'nodes', 'order-events', 'deadLetter').message).toBe('must be the id of a queue or topic, or true (found the number 5)');
  });

  it('reports unknown schema names wherever they are used, and $refs at the $ref', () => {
    const m = shop();
    m.schemas.Order.properties.lines.items.$ref = '#/schemas/OrderLin';
    m.schemas.OrderLine.properties.sku = { $ref: 'https://example.com/sku.json' };
    m.nodes.orders.api.endpoints[0].request = 'Ordr';
    m.nodes.orders.api.endpoints[0].responses['201'] = 'Nope';
    m.nodes.orders.api.endpoints[0].responses['422'] = { schema: 'Problem' };
    m.nodes.orders.api.endpoints[1].query = { filter: { $ref: '#/schemas/Missing' } };
    m.nodes['order-events'].messages.OrderPlaced.schema = 'Orders';
    const issues = validateModel(m);
    expect(at(issues, 'schemas', 'Order', 'properties', 'lines', 'items', '$ref').message).toBe("unknown schema 'OrderLin' (did you mean 'OrderLine'?)");
    expect(at(issues, 'schemas', 'OrderLine', 'properties', 'sku', '$ref').message).toMatch(/^unsupported \$ref/);
    expect(at(issues, 'nodes', 'orders', 'api', 'endpoints', 0, 'request').message).toBe("unknown schema 'Ordr' (did you mean 'Order'?)");
    expect(at(issues, 'nodes', 'orders', 'api', 'endpoints', 0, 'responses', '201').message).toBe("unknown schema 'Nope'");
    expect(at(issues, 'nodes', 'orders', 'api', 'endpoints', 0, 'responses', '422', 'schema').message).toBe("unknown schema 'Problem'");
    expect(at(issues, 'nodes', 'orders', 'api', 'endpoints', 1, 'query', 'filter', '$ref').message).toBe("unknown schema 'Missing'");
    expect(at(issues, 'nodes', 'order-events', 'messages', 'OrderPlaced', 'schema').message).toBe("unknown schema 'Orders' (did you mean 'Order'?)");
  });

  it('checks rpc types, link endpoints and published messages against the target', () => {
    const m = shop();
    m.nodes.shipping.api = { style: 'grpc', package: 'shop.shipping.v1', rpcs: [{ name: 'Ship', request: 'Order', response: 'Shipment' }] };
    m.links[1].endpoint = 'create-ordr';
    m.links[3].message = 'OrderPlacd';
    m.links.push({ from: 'orders', to: 'shipping', endpoint: 'Ship' });
    m.links.push({ from: 'gateway', to: 'shoppers', endpoint: 'x' });
    m.links.push({ from: 'orders', to: 'gateway', message: 'OrderPlaced' });
    const issues = validateModel(m);
    expect(at(issues, 'nodes', 'shipping', 'api', 'rpcs', 0, 'response').message).toBe("unknown schema 'Shipment'");
    expect(at(issues, 'links', 1, 'endpoint').message).toBe("unknown endpoint 'create-ordr' of 'orders' (did you mean 'create-order'?)");
    expect(at(issues, 'links', 3, 'message').message).toBe("unknown message 'OrderPlacd' of 'order-events' (did you mean 'OrderPlaced'?)");
    expect(issues.some((i) => i.path[1] === 5)).toBe(false);
    expect(at(issues, 'links', 6, 'endpoint').message).toMatch(/'shoppers' has no endpoints or rpcs/);
    expect(at(issues, 'links', 7, 'message').message).toMatch(/belongs on a link to \(publish\) or from \(consume\) a queue or topic/);
  });

  it('checks table references, index columns and shard keys inside the same database', () => {
    const m = shop();
    const orders = m.nodes['orders-db'].tables.orders;
    orders.columns.customer_id.references = 'customer.id';
    orders.columns.total_cents.references = 'customers.uuid';
    orders.indexes.push({ columns: ['customer_id', 'created'] });
    orders.shardKey = 'customerid';
    orders.columns.id.references = 'constructor.toString';
    orders.indexes.push({ columns: ['hasOwnProperty'] });
    const issues = validateModel(m);
    const t = ['nodes', 'orders-db', 'tables', 'orders'];
    expect(at(issues, ...t, 'columns', 'customer_id', 'references').message).toBe("unknown table 'customer' in this database (did you mean 'customers'?)");
    expect(at(issues, ...t, 'columns', 'total_cents', 'references').message).toBe("unknown column 'uuid' in table 'customers'");
    expect(at(issues, ...t, 'indexes', 1, 'columns', 1).message).toBe("unknown column 'created' in table 'orders'");
    expect(at(issues, ...t, 'shardKey').message).toBe("unknown column 'customerid' in table 'orders' (did you mean 'customer_id'?)");
    // Names of Object.prototype members are not columns or tables.
    expect(at(issues, ...t, 'columns', 'id', 'references').message).toBe("unknown table 'constructor' in this database");
    expect(at(issues, ...t, 'indexes', 2, 'columns', 0).message).toBe("unknown column 'hasOwnProperty' in table 'orders'");
  });

  it('reports duplicates: endpoint ids, routes, rpc names, link ids, decision ids', () => {
    const m = shop();
    m.nodes.orders.api.endpoints.push({ id: 'create-order', method: 'POST', path: '/orders' });
    m.nodes.shipping.api = { style: 'grpc', rpcs: [{ name: 'Ship' }, { name: 'Ship' }] };
    m.links.push({ from: 'shoppers', to: 'gateway', id: 'shoppers->gateway' });
    m.links.push({ from: 'orders', to: 'orders-db' }, { id: 'x', from: 'orders', to: 'orders-db' }, { id: 'x', from: 'gateway', to: 'orders' });
    m.decisions.push({ ...m.decisions[0] });
    const issues = validateModel(m);
    const ep = ['nodes', 'orders', 'api', 'endpoints', 2];
    expect(at(issues, ...ep, 'id').message).toBe("duplicate endpoint id 'create-order'");
    expect(at(issues, ...ep, 'path').message).toBe('duplicate route POST /orders');
    expect(at(issues, 'nodes', 'shipping', 'api', 'rpcs', 1, 'name').message).toBe("duplicate rpc 'Ship'");
    expect(at(issues, 'links', 5, 'id').message).toBe("duplicate link id 'shoppers->gateway'");
    // A second orders->orders-db is orders->orders-db#2: not a duplicate.
    expect(issues.some((i) => i.path[1] === 6)).toBe(false);
    expect(at(issues, 'links', 8, 'id').message).toBe("duplicate link id 'x'");
    expect(at(issues, 'decisions', 1, 'id').message).toBe("duplicate decision id 'adr-1'");
  });

  it('suppressions may name resolved link ids', () => {
    const m = shop();
    m.suppress.push({ rule: 'resilience.missing-timeout', link: 'gateway->orders', reason: 'ok' });
    m.suppress.push({ rule: 'resilience.missing-timeout', link: 'gateway->order', reason: 'typo' });
    const issues = validateModel(m);
    expect(issues).toHaveLength(1);
    expect(at(issues, 'suppress', 2, 'link').message).toBe("unknown link 'gateway->order' (did you mean 'gateway->orders'?)");
  });

  it('explains type, range, enum and missing-key errors in plain words', () => {
    const m = shop();
    m.nodes.shipping.replicas = 0;
    m.nodes.shipping.capacity.rps = 'x';
    m.nodes.gateway.security.auth = 'jwtt';
    m.links[0].calls = -1;
    delete m.links[1].from;
    m.name = '';
    const issues = validateModel(m);
    expect(at(issues, 'nodes', 'shipping', 'replicas').message).toBe('must be at least 1');
    expect(at(issues, 'nodes', 'shipping', 'capacity', 'rps').message).toBe("must be a number (found the text 'x')");
    expect(at(issues, 'nodes', 'gateway', 'security', 'auth').message).toBe("'jwtt' is not allowed (did you mean 'jwt'?); use one of: none, jwt, oauth2, apikey, mtls, basic");
    expect(at(issues, 'links', 0, 'calls').message).toBe('must be at least 0');
    expect(at(issues, 'links', 1, 'from').message).toBe("missing required key 'from'");
    expect(at(issues, 'name').message).toBe('must not be empty');
  });

  it('never throws on values of the wrong shape', () => {
    for (const v of [null, 1, 'x', [], {}, { nodes: [] }, { keel: 1, name: 'x', nodes: { a: null }, links: [null, 1, { from: 1 }] }]) {
      expect(() => validateModel(v)).not.toThrow();
      expect(validateModel(v).length).toBeGreaterThan(0);
    }
  });
});
