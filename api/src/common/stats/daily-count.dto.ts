import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** One UTC day of a per-day series (task completions, audit events). */
@ApiSchema({ name: 'DailyCount' })
export class DailyCountDto {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'UTC day.' })
  date!: string;

  @ApiProperty({ example: 3 })
  count!: number;
}
