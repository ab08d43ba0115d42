import { Module } from '@nestjs/common';
import { PasswordHasherService } from './password-hasher.service';

/**
 * Password policy, hashing and email normalisation: shared by users (accounts, password
 * changes) and auth (sign-in), owned by neither.
 */
@Module({ providers: [PasswordHasherService], exports: [PasswordHasherService] })
export class CredentialsModule {}
