// A worker thread that renders Customer Analytics Report PDFs: loads the TypeScript renderer
// through tsx (as bin/opendsp.js does for the command), so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/analytics/pdf-worker.ts');
