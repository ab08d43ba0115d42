import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TASK_LIMITS } from '../task.constants';

@ApiSchema({ name: 'TaskHistoryQuery' })
export class TaskHistoryQueryDto {
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: TASK_LIMITS.historyPageMax,
    default: TASK_LIMITS.historyPageDefault,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TASK_LIMITS.historyPageMax)
  limit?: number;

  @ApiProperty({ required: false, description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}
