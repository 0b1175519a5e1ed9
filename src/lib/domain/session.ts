/**
 * The session cookie's name, shared by the SvelteKit hooks and the websocket upgrade router.
 * It lives here (pure, no I/O) so the app can use it at run time without importing server/.
 */
export const SESSION_COOKIE = 'gz_session';
