import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from '../task.constants';

@ApiSchema({
  name: 'Task',
  description: 'A task. `version` increments on every change; the ETag is `"<id>:<version>"`.',
})
export class TaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: TASK_LIMITS.titleMax,
    example: 'Prepare the Q4 report',
  })
  title!: string;

  @ApiProperty({
    maxLength: TASK_LIMITS.descriptionMax,
    example: 'Numbers from finance, charts from BI.',
  })
  description!: string;

  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus', example: 'todo' })
  status!: TaskStatus;

  @ApiProperty({ enum: TASK_PRIORITIES, enumName: 'TaskPriority', example: 'medium' })
  priority!: TaskPriority;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ApiProperty({ type: [String], maxItems: TASK_LIMITS.labelsMax, example: ['finance', 'q4'] })
  labels!: string[];

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set when the status becomes `done`, cleared when it leaves `done`.',
  })
  completedAt!: string | null;

  @ApiProperty({ minimum: 1, example: 1 })
  version!: number;
}
