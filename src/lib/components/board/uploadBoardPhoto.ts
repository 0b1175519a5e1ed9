/** Why a photo did not make it onto the board, as the progress form words it. */
export type UploadRefusal = 'too_large' | 'not_an_image' | 'empty' | 'too_many' | 'failed';

const KNOWN: readonly UploadRefusal[] = ['too_large', 'not_an_image', 'empty', 'too_many'];

/**
 * Uploads one photo for a board (`POST /api/files?board=`) and attaches it
 * (`POST /api/boards/<id>/files`). Only an attached file can be read by the board's readers, so
 * the caller writes the id into the board only after both succeeded.
 */
export async function uploadBoardPhoto(
	boardId: string,
	file: File,
	fetcher: typeof fetch = fetch
): Promise<{ ok: true; id: string } | { ok: false; error: UploadRefusal }> {
	const board = encodeURIComponent(boardId);
	try {
		const up = await fetcher(`/api/files?board=${board}`, {
			method: 'POST',
			headers: { 'content-type': file.type || 'application/octet-stream' },
			body: file
		});
		if (!up.ok) return { ok: false, error: await refusal(up) };
		const { id } = (await up.json()) as { id: string };
		const attached = await fetcher(`/api/boards/${board}/files`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ fileId: id })
		});
		if (!attached.ok) return { ok: false, error: await refusal(attached) };
		return { ok: true, id };
	} catch {
		// Offline, or the connection dropped mid-upload.
		return { ok: false, error: 'failed' };
	}
}

async function refusal(res: Response): Promise<UploadRefusal> {
	const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
	const code = body?.error;
	return KNOWN.find((k) => k === code) ?? 'failed';
}
