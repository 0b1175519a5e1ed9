import { json } from '@sveltejs/kit';
import { maskMobile } from '$lib/domain/phone';
import { chainUnitFor } from '$lib/server/chainPages';
import { requireUser } from '$lib/server/requireUser';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const MAX_QUERY = 40;
const MAX_MATCHES = 10;

/**
 * The chain page's person picker: up to ten community members whose name contains `q` or whose
 * phone starts with it (digits only when `q` looks like a number). Same gate as the chain page.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user } = requireUser(locals, url);
	const community = await chainUnitFor(user.id, params.communityId, 'community', 'manage_chain');
	const raw = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
	const text = /^[\d\s+()-]+$/.test(raw) ? raw.replace(/\D/g, '').replace(/^86(?=1)/, '') : raw;
	if (!text) return json([]);
	const found = await services().stores.org.findMembers(community.id, text, MAX_MATCHES);
	return json(
		found.map((m) => ({
			userId: m.userId,
			name: m.displayName,
			phone: m.phone ? maskMobile(m.phone) : null
		})),
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
