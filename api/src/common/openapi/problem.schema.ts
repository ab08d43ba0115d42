import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'FieldError', description: 'One invalid input and why.' })
export class FieldErrorSchema {
  @ApiProperty({ description: 'Path of the field in the request body or query.', example: 'title' })
  path!: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' })
  message!: string;
}

@ApiSchema({
  name: 'Problem',
  description:
    'RFC 9457 problem details, served as application/problem+json. `type` is a stable identifier listed in docs/errors.md.',
})
export class ProblemSchema {
  @ApiProperty({ format: 'uri', example: 'https://tasktrackr.dev/problems/validation-error' })
  type!: string;

  @ApiProperty({ example: 'Your request is not valid' })
  title!: string;

  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  status!: number;

  @ApiProperty({ required: false, example: '1 field failed validation' })
  detail?: string;

  @ApiProperty({
    required: false,
    description: 'The path of the request.',
    example: '/api/v1/tasks',
  })
  instance?: string;

  @ApiProperty({
    required: false,
    description: 'Echoes the X-Request-Id response header; quote it in support requests.',
    example: '5f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
  })
  requestId?: string;

  @ApiProperty({
    required: false,
    type: [FieldErrorSchema],
    description: 'Present on validation problems.',
  })
  errors?: FieldErrorSchema[];
}

@ApiSchema({
  name: 'PreconditionFailedProblem',
  description:
    'A `precondition-failed` problem (412): `If-Match` named a version that is no longer current. Carries the current version, so a client can refetch and retry without guessing.',
})
export class PreconditionFailedProblemSchema extends ProblemSchema {
  @ApiProperty({ description: 'The version the resource is at now.', minimum: 1, example: 3 })
  currentVersion!: number;

  @ApiProperty({
    description: 'The current ETag (also sent in the `ETag` header): send it as `If-Match`.',
    example: '"3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c:3"',
  })
  currentETag!: string;
}
