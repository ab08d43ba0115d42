/**
 * Audit-log streaming to a SIEM: the module, for the app's root. Everything else under
 * audit-streams/ is private to it (enforced by ESLint).
 */
export { AuditStreamsModule } from './audit-streams.module';
