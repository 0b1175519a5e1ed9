import type { EditorSpec } from './generatorProtocol';
import type { ThinTarget } from './thinReceiver';

/** A server under test, in its own process on core 0, and how clients reach a document on it. */
export interface BenchServer {
	/** 'gongzhi', 'hocuspocus' or 'reference' (@y/websocket-server). */
	name: string;
	pid: number;
	/** Every server process when there are several (a cluster); CPU and memory add up over them. */
	pids?: number[];
	/** http://127.0.0.1:<port> */
	url: string;
	/** The `i`-th editing client's spec for a document (accounts are dealt by index). */
	editor(docName: string, i: number): EditorSpec;
	/** The `i`-th thin receiver's target for a document. */
	receiver(docName: string, i: number): ThinTarget;
	stop(): Promise<void>;
}
