/**
 * The auth module's public API (docs/architecture.md): the module for the app's root, and the
 * sign-in service for ops tools that need a session (benchmarks, the fuzzer).
 */
export { AuthModule } from './auth.module';
export { AuthService, type SignedIn } from './auth.service';
export { ApiTokensService } from './api-tokens.service';
