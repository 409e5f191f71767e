// A decoding thread's entry (see trace-decoder.ts). Threads do not share the main thread's TypeScript loader, so
// the entry is JavaScript: it registers tsx here, as bin/aims.js does, and then loads the TypeScript decoder.
import { register } from 'tsx/esm/api';

register();
const { decodeTraces } = await import('./decode-traces.ts');

export default decodeTraces;
