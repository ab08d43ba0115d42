import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { TaskEventsService } from './task-events.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { TaskEntity } from './task.entity';

/** The task domain over HTTP. Audit capture and reads come from the global AuditLogModule. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity]), IdempotencyModule],
  controllers: [TasksController],
  providers: [TasksService, TasksRepository, TaskEventsService],
  exports: [TasksService],
})
export class TasksModule {}
