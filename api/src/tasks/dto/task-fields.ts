import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable';
import { TASK_LIMITS, TASK_PRIORITIES, TASK_STATUSES } from '../task.constants';

/**
 * Field decorators shared by create, update and bulk DTOs, so each rule is written once.
 * `nullable` fields accept `null` to clear them.
 */
const optional = (nullable: boolean) =>
  nullable ? ValidateIf((_object, value) => value !== null && value !== undefined) : IsOmittable();

const toDate = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : value,
);

export const TitleField = (required: boolean) =>
  applyDecorators(
    ApiProperty({
      required,
      minLength: 1,
      maxLength: TASK_LIMITS.titleMax,
      example: 'Prepare the Q4 report',
    }),
    ...(required ? [] : [IsOmittable()]),
    IsString(),
    Length(1, TASK_LIMITS.titleMax),
  );

export const DescriptionField = () =>
  applyDecorators(
    ApiProperty({ required: false, maxLength: TASK_LIMITS.descriptionMax }),
    IsOmittable(),
    IsString(),
    MaxLength(TASK_LIMITS.descriptionMax),
  );

export const StatusField = () =>
  applyDecorators(
    ApiProperty({
      required: false,
      enum: TASK_STATUSES,
      enumName: 'TaskStatus',
      example: 'in_progress',
    }),
    IsOmittable(),
    IsIn(TASK_STATUSES),
  );

export const PriorityField = () =>
  applyDecorators(
    ApiProperty({
      required: false,
      enum: TASK_PRIORITIES,
      enumName: 'TaskPriority',
      example: 'high',
    }),
    IsOmittable(),
    IsIn(TASK_PRIORITIES),
  );

export const DueAtField = (nullable: boolean) =>
  applyDecorators(
    ApiProperty({
      required: false,
      type: String,
      format: 'date-time',
      nullable,
      description: nullable ? 'ISO 8601 with offset; `null` clears it.' : 'ISO 8601 with offset.',
    }),
    optional(nullable),
    toDate,
    IsDate({ message: 'dueAt must be an ISO 8601 date-time' }),
  );

export const AssigneeIdField = (nullable: boolean) =>
  applyDecorators(
    ApiProperty({
      required: false,
      type: String,
      format: 'uuid',
      nullable,
      description: nullable ? 'A user id; `null` unassigns.' : 'A user id.',
    }),
    optional(nullable),
    IsUUID(),
  );

export const LabelsField = () =>
  applyDecorators(
    ApiProperty({
      required: false,
      type: [String],
      maxItems: TASK_LIMITS.labelsMax,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: TASK_LIMITS.labelMax },
      description: 'Replaces the whole list.',
    }),
    IsOmittable(),
    IsArray(),
    ArrayMaxSize(TASK_LIMITS.labelsMax),
    ArrayUnique(),
    IsString({ each: true }),
    Length(1, TASK_LIMITS.labelMax, { each: true }),
  );
