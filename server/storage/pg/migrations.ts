import { CHAIN_SCHEMA } from './schema/chain';
import { CORE_SCHEMA } from './schema/core';
import { MEETINGS_SCHEMA } from './schema/meetings';
import { PROJECTS_SCHEMA } from './schema/projects';

/**
 * PostgreSQL schema migrations, applied in order once each; `schema_migrations` records how far
 * a database has come. Migration 1 is the whole schema SQLite reached in its migrations 1–11,
 * written in one step (a PostgreSQL database starts there). Never edit a migration that has
 * shipped: add the next one, and the same change to SQLite's list.
 */
export const PG_MIGRATIONS: readonly string[] = [
	[CORE_SCHEMA, CHAIN_SCHEMA, PROJECTS_SCHEMA, MEETINGS_SCHEMA].join('\n')
];
