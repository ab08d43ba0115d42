import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import {
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from '../task.constants';

/** `?status=todo&status=done` and `?status=todo,done` both give a list. */
const toList = Transform(({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => String(item).split(','))
    .filter(Boolean),
);
const toBoolean = Transform(({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value,
);
const toDate = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
    ? new Date(value)
    : value,
);

/** The list's filters and sort; the paging fields follow them. */
class TaskListFilters {
  @ApiProperty({ required: false, enum: TASK_STATUSES, enumName: 'TaskStatus', isArray: true })
  @IsOptional()
  @toList
  @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];

  @ApiProperty({ required: false, enum: TASK_PRIORITIES, enumName: 'TaskPriority', isArray: true })
  @IsOptional()
  @toList
  @IsIn(TASK_PRIORITIES, { each: true })
  priority?: TaskPriority[];

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiProperty({
    required: false,
    maxLength: TASK_LIMITS.labelMax,
    description: 'Tasks carrying this label.',
  })
  @IsOptional()
  @IsString()
  @Length(1, TASK_LIMITS.labelMax)
  label?: string;

  @ApiProperty({
    required: false,
    type: String,
    format: 'date-time',
    description: 'Due strictly before.',
  })
  @IsOptional()
  @toDate
  @IsDate({ message: 'dueBefore must be an ISO 8601 date-time' })
  dueBefore?: Date;

  @ApiProperty({
    required: false,
    type: String,
    format: 'date-time',
    description: 'Due at or after.',
  })
  @IsOptional()
  @toDate
  @IsDate({ message: 'dueAfter must be an ISO 8601 date-time' })
  dueAfter?: Date;

  @ApiProperty({ required: false, type: Boolean, description: 'Past due and not done.' })
  @IsOptional()
  @toBoolean
  @IsBoolean()
  overdue?: boolean;

  @ApiProperty({
    required: false,
    maxLength: TASK_LIMITS.searchMax,
    description:
      'Full-text search over title and description (web-search syntax: words, "phrases", -not, or).',
  })
  @IsOptional()
  @IsString()
  @Length(1, TASK_LIMITS.searchMax)
  q?: string;

  @ApiProperty({
    required: false,
    enum: TASK_SORTS,
    enumName: 'TaskSort',
    default: '-createdAt',
    description: '`-` for descending. Tasks without a due date sort as if due infinitely late.',
  })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort?: TaskSort;
}

@ApiSchema({ name: 'ListTasksQuery' })
export class ListTasksQueryDto extends PageQueryDto(
  {
    maxLimit: TASK_LIMITS.pageMax,
    defaultLimit: TASK_LIMITS.pageDefault,
    cursorDescription: 'The `nextCursor` of the previous page (same sort and filters).',
  },
  TaskListFilters,
) {}
