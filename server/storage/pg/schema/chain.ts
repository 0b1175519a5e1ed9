/** Residents, phone codes, calendar, files, problems, demands, notifications: SQLite migration 3. */
export const CHAIN_SCHEMA = `
`;
