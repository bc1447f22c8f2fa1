export * from './client.ts';
export * as schema from './schema/index.ts';
export * from './repositories/journal.ts';
export * from './repositories/incidents.ts';
export * from './repositories/readiness.ts';
export * from './repositories/reports.ts';
export * from './repositories/intake.ts';
export * from './repositories/accounts.ts';
