import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * Dev mode runs the same server code as production: the shared services and the websocket
 * upgrade router attach to Vite's HTTP server. Loaded lazily so `vite build` never opens a
 * database.
 */
function gongzhiDevServer(): Plugin {
	return {
		name: 'gongzhi-dev-server',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { createServices, installServices } = await import('./server/services');
			const { configFromEnv } = await import('./server/config');
			const { seedDemoIfEmpty } = await import('./server/demo/seedDemo');
			const { createUpgradeRouter } = await import('./server/sync/upgradeRouter');
			const { openStores } = await import('./server/storage/openStores');
			const config = configFromEnv();
			const services = createServices(config, await openStores(config));
			if (config.demo && (await seedDemoIfEmpty(services))) config.log('Loaded the demo district.');
			installServices(services);
			server.httpServer.on('upgrade', createUpgradeRouter(services, { rejectUnknown: false }));
			server.httpServer.on('close', () => void services.close());
		}
	};
}

export default defineConfig({
	plugins: [gongzhiDevServer(), sveltekit()],
	server: { port: Number(process.env.PORT ?? 5173) },
	build: { target: 'es2022' },
	optimizeDeps: { exclude: ['@automerge/automerge'] }
});
