import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DailyCountDto } from '../../common/stats/daily-count.dto';

@ApiSchema({ name: 'TaskStatusCounts' })
export class TaskStatusCountsDto {
  @ApiProperty() todo!: number;
  @ApiProperty() in_progress!: number;
  @ApiProperty() blocked!: number;
  @ApiProperty() done!: number;
}

@ApiSchema({ name: 'TaskPriorityCounts' })
export class TaskPriorityCountsDto {
  @ApiProperty() low!: number;
  @ApiProperty() medium!: number;
  @ApiProperty() high!: number;
  @ApiProperty() urgent!: number;
}

@ApiSchema({ name: 'TaskStats', description: 'Counts over the live tasks the caller can see.' })
export class TaskStatsDto {
  @ApiProperty({ type: TaskStatusCountsDto })
  byStatus!: TaskStatusCountsDto;

  @ApiProperty({ type: TaskPriorityCountsDto })
  byPriority!: TaskPriorityCountsDto;

  @ApiProperty({ description: 'Past due and not done.' })
  overdue!: number;

  @ApiProperty({ description: 'Not done, due within the next 7 days (not yet overdue).' })
  dueNext7Days!: number;

  @ApiProperty({
    type: [DailyCountDto],
    description: 'Completions per UTC day, the last 30 days, oldest first.',
  })
  completedPerDay!: DailyCountDto[];
}
