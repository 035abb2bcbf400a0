import { createMemoryStore } from './memory-store';
import { storeContract } from './store-contract.test-helpers';

storeContract('memory', (options) => createMemoryStore(options));
