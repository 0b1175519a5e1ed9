import type { YjsUpdateStore } from '../../server/storage/YjsUpdateStore';

/**
 * The Yjs update log kept in memory: persistence off, for the bench's persistence-cost scenario
 * (GONGZHI_BENCH_YJS_STORE=memory in tests/helpers/serverMain.ts) and nothing else. Same
 * contract as the SQLite store; nothing survives the process.
 */
export class MemoryYjsUpdateStore implements YjsUpdateStore {
	#rows = new Map<string, { seq: number; data: Uint8Array }[]>();
	#clients = new Map<string, Map<number, string>>();
	#seq = 0;

	#log(docId: string) {
		let rows = this.#rows.get(docId);
		if (!rows) this.#rows.set(docId, (rows = []));
		return rows;
	}

	async append(docId: string, update: Uint8Array) {
		const seq = ++this.#seq;
		this.#log(docId).push({ seq, data: update });
		return seq;
	}

	async appendMany(docId: string, rows: readonly { update: Uint8Array }[]) {
		const seqs: number[] = [];
		for (const r of rows) seqs.push(await this.append(docId, r.update));
		return seqs;
	}

	async load(docId: string) {
		const rows = this.#log(docId);
		return { updates: rows.map((r) => r.data), lastSeq: rows.at(-1)?.seq ?? 0 };
	}

	async remove(docId: string, seq: number) {
		this.#rows.set(
			docId,
			this.#log(docId).filter((r) => r.seq !== seq)
		);
	}

	async compact(docId: string, snapshot: Uint8Array, uptoSeq: number) {
		const rows = this.#log(docId);
		const first = rows.find((r) => r.seq <= uptoSeq);
		if (!first) return;
		const kept = rows.filter((r) => r.seq > uptoSeq);
		this.#rows.set(docId, [{ seq: first.seq, data: snapshot }, ...kept]);
	}

	async count(docId: string) {
		return this.#log(docId).length;
	}

	async bindClient(docId: string, clientId: number, userId: string) {
		let owners = this.#clients.get(docId);
		if (!owners) this.#clients.set(docId, (owners = new Map<number, string>()));
		const owner = owners.get(clientId);
		if (owner !== undefined) return owner;
		owners.set(clientId, userId);
		return userId;
	}

	async clientOwners(docId: string) {
		return new Map<number, string>(this.#clients.get(docId) ?? []);
	}
}
