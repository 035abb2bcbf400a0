import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { storeContract } from './store-contract.test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'keel-store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract('sqlite', (options) => openSqliteStore(join(dir, `contract-${++n}.db`), options));
