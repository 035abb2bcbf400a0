#!/usr/bin/env node
// The `keel` command. It runs the TypeScript sources through tsx so that the
// CLI is never out of date with the code beside it (no build step to forget).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
