import { startAgendaRouter, type RouterTarget } from './AgendaRouter';

/**
 * `npm run router`: the agenda router in front of several instances.
 *   GONGZHI_ROUTER_TARGETS=127.0.0.1:3001,127.0.0.1:3002 PORT=3000 npm run router
 */
function parseTargets(text: string | undefined): RouterTarget[] {
	const targets = (text ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => {
			const m = /^(.+):(\d{1,5})$/.exec(s);
			if (!m) throw new Error(`GONGZHI_ROUTER_TARGETS: "${s}" is not host:port`);
			return { host: m[1] as string, port: Number(m[2]) };
		});
	if (targets.length === 0)
		throw new Error('Set GONGZHI_ROUTER_TARGETS=host:port,host:port (the instances behind it)');
	return targets;
}

const router = await startAgendaRouter({
	targets: parseTargets(process.env.GONGZHI_ROUTER_TARGETS),
	host: process.env.HOST ?? '0.0.0.0',
	port: Number(process.env.PORT ?? 3000),
	log: (line) => console.log(line)
});
console.log(`Gongzhi router on ${router.url}`);
const stop = () => void router.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
