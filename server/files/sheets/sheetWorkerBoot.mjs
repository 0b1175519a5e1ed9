// The sheet worker's entry: worker threads do not inherit tsx's loader from `--import tsx`, so
// it is registered here before the TypeScript worker module loads.
import { register } from 'tsx/esm/api';

register();
await import('./sheetWorkerMain.ts');
