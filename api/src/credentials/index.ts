/** The credentials module's public API (docs/architecture.md). */
export { hashNeedsUpgrade, type Argon2Params } from './argon2-params';
export { CredentialsModule } from './credentials.module';
export { EMAIL_MAX_LENGTH, normalizeEmail } from './email';
export { PasswordHasherService } from './password-hasher.service';
export {
  PASSWORD_INPUT_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from './password-policy';
