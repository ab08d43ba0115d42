import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { TASK_EVENT_TYPES, type TaskEventType } from '../task-events.service';

@ApiSchema({ name: 'TaskEvent', description: 'One change notification on the task event stream.' })
export class TaskEventDto {
  @ApiProperty({
    enum: [...TASK_EVENT_TYPES, 'heartbeat'],
    enumName: 'TaskEventType',
    example: 'task.updated',
  })
  type!: TaskEventType | 'heartbeat';

  @ApiProperty({ format: 'uuid', required: false })
  id?: string;

  @ApiProperty({ required: false, description: 'The task’s version after the change.' })
  version?: number;

  @ApiProperty({ format: 'date-time', required: false })
  occurredAt?: string;
}
