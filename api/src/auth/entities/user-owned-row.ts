import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from '../../users';

/** The owner columns a `UserOwnedRow` base adds to an entity. */
export interface UserOwned {
  userId: string;
  user?: UserEntity;
}

/**
 * A base class for rows a user owns and that go when the user goes (`ON DELETE CASCADE`):
 * `user_id` with its index and foreign key. A factory rather than one abstract class because the
 * index and constraint names are per table (the migrations name them); each call makes its own
 * class, so each entity inherits the names it passes.
 */
export function UserOwnedRow(names: {
  index: string;
  foreignKey: string;
}): abstract new () => UserOwned {
  abstract class UserOwnedRowBase implements UserOwned {
    @Index(names.index)
    @Column({ name: 'user_id', type: 'uuid' })
    userId!: string;

    @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
    @JoinColumn({ name: 'user_id', foreignKeyConstraintName: names.foreignKey })
    user?: UserEntity;
  }
  return UserOwnedRowBase;
}
