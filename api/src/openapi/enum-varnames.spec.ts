import { addEnumVarnames, enumVarnames, isSortEnum } from './enum-varnames';

describe('enum varnames', () => {
  it('names sort members ASC/DESC instead of a leading underscore', () => {
    const sorts = ['createdAt', '-createdAt', 'dueAt', '-dueAt'];
    expect(isSortEnum(sorts)).toBe(true);
    expect(enumVarnames(sorts)).toEqual([
      'CREATED_AT_ASC',
      'CREATED_AT_DESC',
      'DUE_AT_ASC',
      'DUE_AT_DESC',
    ]);
  });

  it('turns other values into unique identifiers', () => {
    expect(enumVarnames(['in_progress', 'tasks:read', '2fa', 'a-b', 'a_b'])).toEqual([
      'IN_PROGRESS',
      'TASKS_READ',
      '_2FA',
      'A_B',
      'A_B_4',
    ]);
  });

  it('adds names to string enums anywhere, but leaves examples, defaults and given names alone', () => {
    const document = {
      components: {
        schemas: {
          Sort: { type: 'string', enum: ['name', '-name'] },
          Named: { type: 'string', enum: ['a'], 'x-enum-varnames': ['Alpha'] },
          Holder: {
            properties: { default: { type: 'string', enum: ['x'] } },
            example: { enum: ['not', 'a', 'schema'] },
          },
          Numbers: { type: 'integer', enum: [1, 2] },
        },
      },
    };
    addEnumVarnames(document);
    const { schemas } = document.components;
    expect(schemas.Sort).toMatchObject({ 'x-enum-varnames': ['NAME_ASC', 'NAME_DESC'] });
    expect(schemas.Named['x-enum-varnames']).toEqual(['Alpha']);
    expect(schemas.Holder.properties.default).toMatchObject({ 'x-enum-varnames': ['X'] });
    expect(schemas.Holder.example).toEqual({ enum: ['not', 'a', 'schema'] });
    expect(schemas.Numbers).not.toHaveProperty('x-enum-varnames');
  });
});
