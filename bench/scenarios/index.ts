import { agendaFanout } from './agendaFanout';
import { boardSync } from './boardSync';
import { clusterFanout } from './clusterFanout';
import { coldOpen } from './coldOpen';
import { manyAgendas } from './manyAgendas';
import { offlineMerge } from './offlineMerge';
import { pageWeight } from './pageWeight';
import { persistenceCost } from './persistenceCost';
import type { BenchScenario } from './types';

/** Every scenario `npm run bench` runs, in order. One line each. */
export const SCENARIOS: BenchScenario[] = [
	agendaFanout,
	manyAgendas,
	persistenceCost,
	boardSync,
	offlineMerge,
	coldOpen,
	pageWeight,
	clusterFanout
];
