/** Projects, evaluation, resources, board files: SQLite migrations 4 to 7. */
export const PROJECTS_SCHEMA = `
`;
