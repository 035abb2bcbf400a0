/**
 * SQL DDL per relational database, in its engine's dialect. Tables are ordered
 * so that referenced tables come first; foreign keys on a cycle are added
 * afterwards with ALTER TABLE (PostgreSQL, MySQL) or left inline (SQLite checks
 * them only at write time). A reference to a table outside this database is
 * kept as a comment: with a database per service it cannot be a constraint.
 */
import type { ColumnSpec, Model, NodeOfKind, TableSpec } from '../model';
import { displayName, RELATIONAL_ENGINES, SQL_NAME_PATTERN } from '../model';
import { sqlComment } from './escape';

type Db = NodeOfKind<'database'>;
export type Dialect = (typeof RELATIONAL_ENGINES)[number];

export function relationalDatabases(model: Model): [string, Db & { engine: Dialect }][] {
  return Object.entries(model.nodes).filter(
    (e): e is [string, Db & { engine: Dialect }] =>
      e[1].kind === 'database' &&
      (RELATIONAL_ENGINES as readonly string[]).includes(e[1].engine ?? '') &&
      Object.keys(e[1].tables ?? {}).length > 0,
  );
}

const TYPES: Record<Dialect, Record<ColumnSpec['type'], string>> = {
  postgres: {
    uuid: 'uuid',
    string: 'varchar(255)',
    text: 'text',
    int: 'integer',
    bigint: 'bigint',
    decimal: 'numeric(19, 4)',
    float: 'double precision',
    boolean: 'boolean',
    timestamp: 'timestamptz',
    date: 'date',
    json: 'jsonb',
    bytes: 'bytea',
  },
  mysql: {
    uuid: 'char(36)',
    string: 'varchar(255)',
    text: 'text',
    int: 'int',
    bigint: 'bigint',
    decimal: 'decimal(19, 4)',
    float: 'double',
    boolean: 'boolean',
    timestamp: 'datetime(6)',
    date: 'date',
    json: 'json',
    bytes: 'longblob',
  },
  sqlite: {
    uuid: 'TEXT',
    string: 'TEXT',
    text: 'TEXT',
    int: 'INTEGER',
    bigint: 'INTEGER',
    decimal: 'NUMERIC',
    float: 'REAL',
    boolean: 'INTEGER',
    timestamp: 'TEXT',
    date: 'TEXT',
    json: 'TEXT',
    bytes: 'BLOB',
  },
};

/** Default expressions a person may write, per dialect (others are string literals). */
const NOW = /^(now\(\)|current_timestamp(\(\))?)$/i;
const TODAY = /^current_date(\(\))?$/i;
const NEW_UUID = /^(gen_random_uuid\(\)|uuid\(\)|uuid_generate_v4\(\))$/i;

/** Validates and quotes an identifier for the dialect. */
export function quoteIdent(name: string, dialect: Dialect): string {
  if (!SQL_NAME_PATTERN.test(name)) throw new Error(`not an SQL name: ${JSON.stringify(name)}`);
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

function literal(value: string, dialect: Dialect): string {
  const body = value.replace(/'/g, "''");
  // MySQL treats backslash as an escape character inside string literals by default.
  return `'${dialect === 'mysql' ? body.replace(/\\/g, '\\\\') : body}'`;
}

function defaultClause(col: ColumnSpec, dialect: Dialect): string | undefined {
  const v = col.default;
  if (v === undefined) return undefined;
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return dialect === 'sqlite' ? (v ? '1' : '0') : v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    if (col.type === 'boolean') return dialect === 'sqlite' ? String(v ? 1 : 0) : v ? 'TRUE' : 'FALSE';
    return String(v);
  }
  if (NOW.test(v) && (col.type === 'timestamp' || col.type === 'date')) {
    if (col.type === 'date')
      return dialect === 'postgres' ? 'CURRENT_DATE' : dialect === 'mysql' ? '(CURRENT_DATE)' : 'CURRENT_DATE';
    return dialect === 'postgres' ? 'now()' : dialect === 'mysql' ? 'CURRENT_TIMESTAMP(6)' : 'CURRENT_TIMESTAMP';
  }
  if (TODAY.test(v) && col.type === 'date') return dialect === 'mysql' ? '(CURRENT_DATE)' : 'CURRENT_DATE';
  if (NEW_UUID.test(v) && col.type === 'uuid') {
    if (dialect === 'postgres') return 'gen_random_uuid()';
    if (dialect === 'mysql') return '(UUID())';
    return undefined; // SQLite has no UUID function: the application supplies it.
  }
  const lit = literal(v, dialect);
  // MySQL allows defaults on TEXT/BLOB/JSON only as expressions.
  if (dialect === 'mysql' && ['text', 'json', 'bytes'].includes(col.type)) return `(${lit})`;
  return lit;
}

interface Fk {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
}

function isKeyLike(table: TableSpec, column: string): boolean {
  const pk = Object.entries(table.columns)
    .filter(([, c]) => c.primaryKey)
    .map(([n]) => n);
  if (pk.length === 1 && pk[0] === column) return true;
  if (table.columns[column]?.unique) return true;
  return (table.indexes ?? []).some((i) => i.unique && i.columns.length === 1 && i.columns[0] === column);
}

const INT_TYPES = new Set(['int', 'bigint']);
function compatible(a: ColumnSpec['type'], b: ColumnSpec['type']): boolean {
  return (
    a === b ||
    (INT_TYPES.has(a) && INT_TYPES.has(b)) ||
    (['string', 'text'].includes(a) && ['string', 'text'].includes(b))
  );
}

/** Tables in an order where referenced tables come first; FKs that close a cycle are returned apart. */
function orderTables(tables: Record<string, TableSpec>, fks: Fk[]): { order: string[]; deferred: Set<Fk> } {
  const names = Object.keys(tables);
  const deferred = new Set<Fk>();
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (t: string) => {
    state.set(t, 'visiting');
    for (const fk of fks.filter((f) => f.table === t && f.refTable !== t)) {
      const s = state.get(fk.refTable);
      if (s === 'visiting') deferred.add(fk);
      else if (!s) visit(fk.refTable);
    }
    state.set(t, 'done');
    order.push(t);
  };
  for (const t of names) if (!state.has(t)) visit(t);
  return { order, deferred };
}

function fkName(fk: Fk): string {
  return truncName(`fk_${fk.table}_${fk.column}`);
}

function truncName(name: string, taken?: Set<string>): string {
  let n = name.slice(0, 63);
  if (taken) {
    for (let i = 2; taken.has(n); i++) n = `${name.slice(0, 63 - String(i).length - 1)}_${i}`;
    taken.add(n);
  }
  return n;
}

export function sqlDdl(model: Model, id: string, db: Db & { engine: Dialect }): string {
  const dialect = db.engine;
  const q = (n: string) => quoteIdent(n, dialect);
  const tables = db.tables ?? {};
  const out: string[] = [
    `-- ${sqlComment(displayName(id, db))}: ${dialect === 'postgres' ? 'PostgreSQL' : dialect === 'mysql' ? 'MySQL 8' : 'SQLite'} schema generated by Keel from the design model.`,
  ];
  if (db.description) out.push(`-- ${sqlComment(db.description)}`);
  if (db.owner) out.push(`-- Owned by ${sqlComment(db.owner)}; other services should go through its API.`);
  if (db.readReplicas) out.push(`-- Read replicas: ${db.readReplicas}.`);
  if (dialect === 'sqlite') out.push('PRAGMA foreign_keys = ON;');
  out.push('');

  const fks: Fk[] = [];
  const notes = new Map<string, string[]>();
  for (const [tname, table] of Object.entries(tables)) {
    for (const [cname, col] of Object.entries(table.columns)) {
      if (!col.references) continue;
      const [refTable, refColumn] = col.references.split('.') as [string, string];
      const target = tables[refTable]?.columns[refColumn];
      let why: string | undefined;
      if (!target) why = 'not in this database, so not a constraint';
      else if (!compatible(col.type, target.type))
        why = `type ${col.type} does not match ${target.type}, so not a constraint`;
      else if (dialect !== 'sqlite' && !isKeyLike(tables[refTable]!, refColumn))
        why = 'not a key of that table, so not a constraint';
      if (why) {
        const list = notes.get(tname) ?? [];
        list.push(`-- ${cname} references ${col.references} (${why}).`);
        notes.set(tname, list);
      } else {
        fks.push({ table: tname, column: cname, refTable, refColumn });
      }
    }
  }
  const { order, deferred } =
    dialect === 'sqlite' ? { ...orderTables(tables, fks), deferred: new Set<Fk>() } : orderTables(tables, fks);
  const indexNames = new Set<string>();
  const keyed = (table: TableSpec, cname: string) =>
    !!table.columns[cname]?.primaryKey ||
    !!table.columns[cname]?.unique ||
    (table.indexes ?? []).some((i) => i.columns.includes(cname));

  for (const tname of order) {
    const table = tables[tname]!;
    const cols = Object.entries(table.columns);
    if (table.description) out.push(`-- ${sqlComment(table.description)}`);
    if (table.shardKey) {
      out.push(`-- Sharding: partition this table by ${sqlComment(table.shardKey)}; queries should carry it.`);
      if (dialect === 'postgres')
        out.push(`-- With Citus: SELECT create_distributed_table('${tname}', '${table.shardKey}');`);
    }
    if (table.rows)
      out.push(
        `-- Expected rows: ${table.rows.toExponential(1)}${table.rowBytes ? `, about ${table.rowBytes} bytes each` : ''}.`,
      );
    for (const n of notes.get(tname) ?? []) out.push(n);
    if (cols.length === 0) {
      out.push(`-- Table ${tname} has no columns in the model; not created.`, '');
      continue;
    }
    const lines: string[] = [];
    for (const [cname, col] of cols) {
      let type = TYPES[dialect][col.type];
      // MySQL cannot key TEXT/BLOB columns without a prefix length.
      if (dialect === 'mysql' && col.type === 'text' && keyed(table, cname)) type = 'varchar(255)';
      const parts = [q(cname), type];
      if (col.primaryKey || col.nullable === false) parts.push('NOT NULL');
      const def = defaultClause(col, dialect);
      if (def !== undefined) parts.push(`DEFAULT ${def}`);
      if (col.unique && !col.primaryKey) parts.push('UNIQUE');
      lines.push(`  ${parts.join(' ')}${col.description ? ` -- ${sqlComment(col.description)}` : ''}`);
    }
    const pk = cols.filter(([, c]) => c.primaryKey).map(([n]) => n);
    const constraints: string[] = [];
    if (pk.length)
      constraints.push(`  CONSTRAINT ${q(truncName(`pk_${tname}`, indexNames))} PRIMARY KEY (${pk.map(q).join(', ')})`);
    for (const fk of fks.filter((f) => f.table === tname && !deferred.has(f))) {
      constraints.push(
        `  CONSTRAINT ${q(truncName(fkName(fk), indexNames))} FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.refTable)} (${q(fk.refColumn)})`,
      );
    }
    // A trailing `--` comment must not swallow the comma: put commas before comments.
    const body = [...lines, ...constraints].map((l, i, all) => {
      const comma = i < all.length - 1 ? ',' : '';
      const at = l.indexOf(' -- ');
      return at >= 0 ? `${l.slice(0, at)}${comma}${l.slice(at)}` : `${l}${comma}`;
    });
    out.push(
      `CREATE TABLE ${q(tname)} (`,
      ...body,
      `)${dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' : ''};`,
    );
    for (const idx of table.indexes ?? []) {
      const missing = idx.columns.filter((c) => !table.columns[c]);
      if (missing.length) {
        out.push(`-- Index on ${idx.columns.join(', ')} skipped: no column ${missing.join(', ')}.`);
        continue;
      }
      if (dialect === 'mysql' && idx.columns.some((c) => table.columns[c]!.type === 'json')) {
        out.push(`-- Index on ${idx.columns.join(', ')} skipped: MySQL cannot index a JSON column directly.`);
        continue;
      }
      const name = truncName(idx.name ?? `${tname}_${idx.columns.join('_')}_${idx.unique ? 'key' : 'idx'}`, indexNames);
      const cols = idx.columns.map((c) =>
        dialect === 'mysql' && table.columns[c]!.type === 'bytes' ? `${q(c)}(255)` : q(c),
      );
      out.push(`CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${q(name)} ON ${q(tname)} (${cols.join(', ')});`);
    }
    out.push('');
  }
  if (deferred.size) {
    out.push('-- Foreign keys on a reference cycle, added once every table exists.');
    for (const fk of deferred) {
      out.push(
        `ALTER TABLE ${q(fk.table)} ADD CONSTRAINT ${q(truncName(fkName(fk), indexNames))} FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(fk.refTable)} (${q(fk.refColumn)});`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
