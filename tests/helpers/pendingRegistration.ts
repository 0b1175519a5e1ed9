import { expect } from 'vitest';
import { postForm } from './http';
import type { TestServer } from './server';

export const PENDING_PASSWORD = 'pending-password';

/**
 * Registers someone through `/register?/pending` (no phone code: they wait for their grid
 * leader) and returns their resident row. The name is `<namePrefix><last two digits>`.
 */
export async function filePending(
	server: TestServer,
	place: { phone: string; grid: string; building: string },
	extra: { room?: string; namePrefix?: string } = {}
) {
	const res = await postForm(server, '/register?/pending', {
		community: 'c-a',
		grid: place.grid,
		building: place.building,
		room: extra.room ?? '1-101',
		name: `${extra.namePrefix ?? '待确认'}${place.phone.slice(-2)}`,
		phone: place.phone,
		password: PENDING_PASSWORD
	});
	expect(res.status).toBe(200);
	return (await server.services.stores.residents.byPhone(place.phone))!;
}
