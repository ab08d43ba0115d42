import { csvField, csvHeader, csvLine, jsonLine } from './export-format';

describe('csvField', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it.each(['=SUM(A1:A9)', '+1', '-2+3', '@cmd', '\tx', '\rx'])(
    'neutralises the formula-like cell %j',
    (value) => {
      const field = csvField(value);
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe('csvLine and jsonLine', () => {
  // EVENT_ROW_SELECT order: seq, id, occurredAt, action, actorType, actorId, actorDisplay,
  // targetType, targetId, changes, outcome, ip, userAgent, requestId, prevHash, hash, traceId
  const row = [
    '7',
    'id-1',
    '2026-01-01T00:00:00.000Z',
    'task.updated',
    'user',
    null,
    'Ada, Countess',
    'task',
    't',
    '{"title": {"after": "b", "before": "a"}}',
    'success',
    null,
    null,
    null,
    'p',
    'h',
    '4bf92f3577b34da6a3ce929d0e0e4736',
  ];

  it('writes the CSV columns of the header, in order', () => {
    expect(csvHeader().split(',')).toHaveLength(17);
    expect(csvLine(row)).toBe(
      '7,id-1,2026-01-01T00:00:00.000Z,user,,"Ada, Countess",task.updated,task,t,success,,,,4bf92f3577b34da6a3ce929d0e0e4736,' +
        '"{""title"": {""after"": ""b"", ""before"": ""a""}}",p,h\r\n',
    );
  });

  it('writes one AuditEvent object per JSON line', () => {
    const line = jsonLine(row);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      id: 'id-1',
      seq: '7',
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: { type: 'user', id: null, display: 'Ada, Countess' },
      action: 'task.updated',
      target: { type: 'task', id: 't' },
      changes: { title: { before: 'a', after: 'b' } },
      outcome: 'success',
      ip: null,
      userAgent: null,
      requestId: null,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      prevHash: 'p',
      hash: 'h',
    });
  });
});
