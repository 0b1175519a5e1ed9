/**
 * The attributes that put a field's value back after a failed form action, and nothing on a
 * first visit. A `value=""` rendered on first visit makes hydration on a slow load wipe what the
 * person had already typed (an emptied `required` field then silently blocks the submit).
 * Use as `<input {...echo(form, 'username')} />`.
 */
export function echo(form: unknown, field: string): { value?: string } {
	if (!form || typeof form !== 'object' || !(field in form)) return {};
	const value = (form as Record<string, unknown>)[field];
	return typeof value === 'string' ? { value } : {};
}
