/**
 * Every TypeORM entity of the app. The app, the migration CLI's data source and the
 * schema-drift test all read this one list, so none can miss an entity.
 * Feature modules add their entities here as they land.
 */
export const ENTITIES: Function[] = [];
