import { agendaFanout } from './agendaFanout';
import { manyAgendas } from './manyAgendas';
import { persistenceCost } from './persistenceCost';
import type { BenchScenario } from './types';

/** Every scenario `npm run bench` runs, in order. One line each. */
export const SCENARIOS: BenchScenario[] = [agendaFanout, manyAgendas, persistenceCost];
