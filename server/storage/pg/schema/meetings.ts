/** Meetings, action lists, decision tasks, agenda versions, comments: SQLite migrations 8 to 11. */
export const MEETINGS_SCHEMA = `
`;
