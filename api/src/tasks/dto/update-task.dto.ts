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

@ApiSchema({
  name: 'UpdateTask',
  description: 'Only the fields present change; `null` clears dueAt or assigneeId.',
})
export class UpdateTaskDto {
  @TitleField(false)
  title?: string;

  @DescriptionField()
  description?: string;

  @StatusField()
  status?: TaskStatus;

  @PriorityField()
  priority?: TaskPriority;

  @DueAtField(true)
  dueAt?: Date | null;

  @AssigneeIdField(true)
  assigneeId?: string | null;

  @LabelsField()
  labels?: string[];
}
