import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { TASK_LIMITS, type TaskPriority, type TaskStatus } from '../task.constants';
import { AssigneeIdField, LabelsField, PriorityField, StatusField } from './task-fields';
import { TaskDto } from './task.dto';

@ApiSchema({ name: 'BulkTaskChanges', description: 'The changes applied to every listed task.' })
export class BulkTaskChangesDto {
  @StatusField()
  status?: TaskStatus;

  @PriorityField()
  priority?: TaskPriority;

  @AssigneeIdField(true)
  assigneeId?: string | null;

  @LabelsField()
  labels?: string[];
}

@ApiSchema({ name: 'BulkUpdateTasks' })
export class BulkUpdateTasksDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: TASK_LIMITS.bulkMax,
    uniqueItems: true,
    items: { type: 'string', format: 'uuid' },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TASK_LIMITS.bulkMax)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiProperty({ type: BulkTaskChangesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BulkTaskChangesDto)
  changes!: BulkTaskChangesDto;
}

@ApiSchema({ name: 'BulkUpdateTasksResult' })
export class BulkUpdateTasksResultDto {
  @ApiProperty({ type: [TaskDto], description: 'The tasks after the change, in request order.' })
  items!: TaskDto[];
}
