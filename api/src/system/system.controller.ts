import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/access/authenticated.decorator';
import { ADMIN_ONLY } from '../common/access/access-rules';
import { SystemStatusDto } from './dto/system-status.dto';
import { SystemStatusService } from './system-status.service';

@ApiTags('system')
@Controller({ path: 'system', version: '1' })
export class SystemController {
  constructor(private readonly system: SystemStatusService) {}

  @Get('status')
  @Authenticated(ADMIN_ONLY)
  @ApiOperation({
    operationId: 'getSystemStatus',
    summary: 'Queues, recent failed jobs and the audit outbox (admin)',
    description:
      'Answers 200 even when Redis is down: the affected queues are then `available: false` with null counts. Failed jobs never include their data.',
  })
  @ApiOkResponse({ type: SystemStatusDto })
  status(): Promise<SystemStatusDto> {
    return this.system.status();
  }
}
