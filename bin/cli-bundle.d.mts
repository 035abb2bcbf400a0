/** The CLI bundle's path under a checkout root. */
export function cliBundlePath(root: string): string;
/** True when dist/cli/keel.mjs exists and is newer than every input in dist/cli/inputs.json. */
export function cliBundleIsFresh(root: string): boolean;
