#!/usr/bin/env node
// The operator's yearly update of the holiday calendar (节假日和调休), which demand deadlines are
// counted on. The server reads the table on each use, so no restart is needed.
//
//   node scripts/calendar.mjs show [DATA_DIR]
//   node scripts/calendar.mjs replace FILE.json [DATA_DIR]
//
// FILE.json has the shape of server/calendar/cn-holidays.json ({ "overrides": [{date, kind,
// name}, ...] }). Every year that appears in it is replaced as a whole; other years are kept.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { openSqliteStores } = await import('../server/storage/sqlite/index');
const { parseOverrides, WorkCalendar } = await import('../src/lib/domain/workdays');

const [command, ...args] = process.argv.slice(2);
const usage = 'usage: calendar.mjs show [DATA_DIR] | calendar.mjs replace FILE.json [DATA_DIR]';
/** @param {string | undefined} arg */
const dataDir = (arg) => resolve(arg ?? process.env.DATA_DIR ?? './data');

if (command === 'show') {
	const stores = openSqliteStores(dataDir(args[0]));
	const days = await stores.calendar.all();
	for (const d of days) console.log(`${d.date}\t${d.kind}\t${d.name}`);
	console.log(`years: ${new WorkCalendar(days).coveredYears().join(', ') || '(none)'}`);
	await stores.close();
} else if (command === 'replace' && args[0]) {
	// parseOverrides refuses bad dates, kinds and weekday "make-up workdays" before anything is
	// written; the WorkCalendar constructor refuses a day listed as both.
	const days = parseOverrides(JSON.parse(readFileSync(args[0], 'utf8')));
	new WorkCalendar(days);
	const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
	const stores = openSqliteStores(dataDir(args[1]));
	await stores.calendar.replaceYears(years, days);
	await stores.close();
	console.log(`replaced ${years.join(', ')}: ${days.length} days`);
} else {
	console.error(usage);
	process.exit(2);
}
