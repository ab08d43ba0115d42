import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users';
import {
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from './task.constants';

/**
 * A task. The list indexes are partial (`WHERE deleted_at IS NULL`) and some are expression
 * indexes, which TypeORM cannot describe: the migration owns them, and they are declared
 * here with `synchronize: false` only so that the schema builder leaves them alone.
 */
@Entity({ name: 'tasks' })
@Index('tasks_live_created_idx', { synchronize: false })
@Index('tasks_live_due_idx', { synchronize: false })
@Index('tasks_live_priority_idx', { synchronize: false })
@Index('tasks_owner_created_idx', { synchronize: false })
@Index('tasks_owner_due_idx', { synchronize: false })
@Index('tasks_owner_priority_idx', { synchronize: false })
@Index('tasks_assignee_created_idx', { synchronize: false })
@Index('tasks_assignee_due_idx', { synchronize: false })
@Index('tasks_assignee_priority_idx', { synchronize: false })
@Index('tasks_search_idx', { synchronize: false })
@Index('tasks_labels_idx', { synchronize: false })
@Index('tasks_completed_idx', { synchronize: false })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tasks_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: TASK_LIMITS.titleMax })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'enum', enum: TASK_STATUSES, enumName: 'task_status', default: 'todo' })
  status!: TaskStatus;

  @Column({ type: 'enum', enum: TASK_PRIORITIES, enumName: 'task_priority', default: 'medium' })
  priority!: TaskPriority;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** Unassigned when the user is deleted. */
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'tasks_assignee_id_fkey' })
  assignee?: UserEntity | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  labels!: string[];

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** A user who still owns tasks cannot be deleted (disable them instead). */
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'tasks_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Full-text vector of title and description, maintained by a trigger (see the migration). */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  search?: string | null;
}
