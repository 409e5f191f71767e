import path from 'node:path';
import type { FrameworkCatalog } from '../frameworks/service.js';
import { EvidenceStore } from '../evidence/store.js';

/** What the assurance services need besides the request context. */
export interface AssuranceEnv {
  catalog: FrameworkCatalog;
  /** data set bytes, content-addressed like evidence files */
  datasets: EvidenceStore;
}

/** Data sets live in `<evidence dir>/datasets` (its own content-addressed tree beside the evidence files' `sha256/`). */
export function assuranceEnv(catalog: FrameworkCatalog, evidenceDir: string): AssuranceEnv {
  return { catalog, datasets: new EvidenceStore(path.join(evidenceDir, 'datasets')) };
}
