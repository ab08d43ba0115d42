import { removesAdmin } from './roles-dialog';

describe('removesAdmin', () => {
  it('is true only when admin is taken away', () => {
    expect(removesAdmin(['admin'], ['employee'])).toBe(true);
    expect(removesAdmin(['employee', 'admin'], ['employee'])).toBe(true);
    expect(removesAdmin(['admin'], ['admin', 'auditor'])).toBe(false);
    expect(removesAdmin(['employee'], ['admin'])).toBe(false);
    expect(removesAdmin(['employee'], ['auditor'])).toBe(false);
  });
});
