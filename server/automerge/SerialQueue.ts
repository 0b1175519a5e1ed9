/**
 * Runs async tasks one after another. A connection uses one so its messages are handled in the
 * order they arrived even though handling awaits storage; a board uses one so appends, applies
 * and compaction never interleave. A failed task does not stop the tasks queued after it.
 */
export class SerialQueue {
	#tail: Promise<unknown> = Promise.resolve();
	#pending = 0;

	/** Tasks queued or running. */
	get length() {
		return this.#pending;
	}

	run<T>(task: () => Promise<T> | T): Promise<T> {
		this.#pending++;
		const result = this.#tail.then(task).finally(() => this.#pending--);
		this.#tail = result.catch(() => {});
		return result;
	}

	/** Resolves once every task queued so far has settled. */
	async idle(): Promise<void> {
		await this.#tail;
	}
}
