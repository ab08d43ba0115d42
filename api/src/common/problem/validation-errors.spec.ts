import { Type, plainToInstance } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { flattenValidationErrors, validationProblem } from './validation-errors';

class Label {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Payload {
  @IsString()
  title!: string;

  @IsInt()
  @Min(1)
  limit!: number;

  @ValidateNested({ each: true })
  @Type(() => Label)
  labels!: Label[];
}

describe('validation problems', () => {
  const errors = validateSync(
    plainToInstance(Payload, {
      title: 7,
      limit: 0,
      labels: [{ name: 'ok' }, { name: 'far too long' }],
    }),
  );

  it('addresses nested and array fields by path', () => {
    const paths = flattenValidationErrors(errors).map((error) => error.path);
    expect(paths).toEqual(['title', 'limit', 'labels[1].name']);
  });

  it('becomes a 400 validation-error problem listing each field', () => {
    const problem = validationProblem(errors);
    expect(problem.getStatus()).toBe(400);
    expect(problem.type).toBe('https://tasktrackr.dev/problems/validation-error');
    expect(problem.detail).toBe('3 fields failed validation');
    expect(problem.errors).toContainEqual({
      path: 'labels[1].name',
      message: 'name must be shorter than or equal to 5 characters',
    });
  });
});
