/** Creates an empty database for one test file on the run's PostgreSQL; returns its URL. */
export declare function createTestDatabase(): Promise<string>;
