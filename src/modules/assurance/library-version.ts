import fs from 'node:fs';

/**
 * Bumped whenever a figure of src/lib/stats or src/lib/tabular could change for the same file, so that a stored run
 * says which arithmetic produced it.
 */
export const STATS_VERSION = '1';

const packageVersion = (JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** e.g. "openaims 0.1.0, stats 1" */
export const LIBRARY_VERSION = `openaims ${packageVersion}, stats ${STATS_VERSION}`;
