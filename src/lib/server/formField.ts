/** A text field of a submitted form, '' when absent or a file; cut to `max` characters. */
export function formField(data: FormData, name: string, max = 1024): string {
	const v = data.get(name);
	return typeof v === 'string' ? v.slice(0, max) : '';
}
