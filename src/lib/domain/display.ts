/** The large-text setting, kept in a cookie so the server renders the right size at once. */
export const LARGE_TEXT_COOKIE = 'gz_large';
/** Display preferences are not secret and should outlive a session: one year. */
export const PREFERENCE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
