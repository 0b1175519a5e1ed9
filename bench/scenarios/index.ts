import { boardSync } from './boardSync';
import { coldOpen } from './coldOpen';
import { offlineMerge } from './offlineMerge';
import { pageWeight } from './pageWeight';
import type { BenchScenario } from './types';

/** Every scenario `npm run bench` runs, in order. */
export const scenarios: BenchScenario[] = [boardSync, offlineMerge, coldOpen, pageWeight];
