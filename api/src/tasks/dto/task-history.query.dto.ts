import { ApiSchema } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { TASK_LIMITS } from '../task.constants';

@ApiSchema({ name: 'TaskHistoryQuery' })
export class TaskHistoryQueryDto extends PageQueryDto({
  maxLimit: TASK_LIMITS.historyPageMax,
  defaultLimit: TASK_LIMITS.historyPageDefault,
  cursorDescription: 'The `nextCursor` of the previous page.',
}) {}
