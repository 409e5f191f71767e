import { loadFrameworkPacks } from './catalog.js';
import { loadCrosswalks } from './crosswalk.js';
import { FrameworkCatalog } from './service.js';
import { loadStarterLibrary } from './starter-controls.js';

/** Reads and validates every catalogue file (packs, crosswalks, starter controls); a broken file throws with its reasons. */
export function loadFrameworkCatalog(): FrameworkCatalog {
  const packs = loadFrameworkPacks();
  return new FrameworkCatalog(packs, loadCrosswalks(packs), loadStarterLibrary(packs));
}
