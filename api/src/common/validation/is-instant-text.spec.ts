import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsInstantText } from './is-instant-text';

class Filters {
  @IsInstantText()
  to!: unknown;
}

const errorsFor = (to: unknown) =>
  validateSync(plainToInstance(Filters, { to })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsInstantText', () => {
  it.each(['2026-01-31T09:00:00Z', '2026-01-31T09:00:00.123+05:30', '2026-01-31', '2026'])(
    'accepts %s',
    (to) => {
      expect(errorsFor(to)).toEqual([]);
    },
  );

  it.each(['2026-W01', '2026-W01-1', '20260101T000000Z', 'yesterday', '', 1700000000, null])(
    'refuses %p, which Date cannot read',
    (to) => {
      expect(errorsFor(to)).toEqual(['to must be a date-time such as 2026-01-31T09:00:00Z']);
    },
  );
});
