import { ApiSchema } from '@nestjs/swagger';
import type { TaskPriority, TaskStatus } from '../task.constants';
import {
  AssigneeIdField,
  DescriptionField,
  DueAtField,
  LabelsField,
  PriorityField,
  StatusField,
  TitleField,
} from './task-fields';

@ApiSchema({ name: 'CreateTask' })
export class CreateTaskDto {
  @TitleField(true)
  title!: string;

  @DescriptionField()
  description?: string;

  @StatusField()
  status?: TaskStatus;

  @PriorityField()
  priority?: TaskPriority;

  @DueAtField(false)
  dueAt?: Date;

  @AssigneeIdField(false)
  assigneeId?: string;

  @LabelsField()
  labels?: string[];
}
