/**
 * The users module's public API: what other modules (auth, tasks) and ops may import.
 * Everything else under users/ is private to it (enforced by ESLint, docs/architecture.md).
 */
export { UserDto } from './dto/user.dto';
export { UserAccessRevoker, type RevocationReason } from './user-access-revoker';
export { USER_LIMITS } from './user.constants';
export { UserEntity } from './user.entity';
export { UsersModule } from './users.module';
export { type NewUser, UsersService } from './users.service';
