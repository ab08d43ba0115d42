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
import { ProblemSchema } from '../../common/openapi/problem.schema';
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

@ApiSchema({
  name: 'TasksNotFoundProblem',
  description:
    'A `not-found` problem (404) from a bulk change: some ids are not tasks the caller can see, so nothing changed. `missingIds` lists them.',
})
export class TasksNotFoundProblemSchema extends ProblemSchema {
  @ApiProperty({
    type: [String],
    minItems: 1,
    items: { type: 'string', format: 'uuid' },
    description: 'The requested ids that are not live tasks visible to the caller.',
    example: ['3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c'],
  })
  missingIds!: string[];
}
