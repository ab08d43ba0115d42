import {
  FILE_NAME_PATTERN,
  fieldsFor,
  type StreamFormValue,
  toNewAuditStream,
} from './stream-form';

const typed: StreamFormValue = {
  name: '  SOC Splunk ',
  kind: 'splunk-hec',
  format: 'ocsf',
  url: ' https://splunk.example.com:8088/services/collector/event ',
  fileName: 'left-over.jsonl',
  secret: 'hec-token',
  startAt: 'beginning',
};

describe('toNewAuditStream', () => {
  it('sends a Splunk stream its URL and token, trimmed, and never a file name', () => {
    expect(toNewAuditStream(typed)).toEqual({
      name: 'SOC Splunk',
      kind: 'splunk-hec',
      format: 'ocsf',
      url: 'https://splunk.example.com:8088/services/collector/event',
      secret: 'hec-token',
      startAt: 'beginning',
    });
  });

  it('leaves an empty optional bearer token out of an http-json stream', () => {
    const body = toNewAuditStream({ ...typed, kind: 'http-json', format: 'jsonl', secret: '' });
    expect(body).not.toHaveProperty('secret');
    expect(body).not.toHaveProperty('fileName');
    expect(body.url).toBe('https://splunk.example.com:8088/services/collector/event');
  });

  it('sends a file stream only its file name (the API refuses url and secret there)', () => {
    expect(toNewAuditStream({ ...typed, kind: 'file', startAt: 'now' })).toEqual({
      name: 'SOC Splunk',
      kind: 'file',
      format: 'ocsf',
      fileName: 'left-over.jsonl',
      startAt: 'now',
    });
  });
});

describe('fieldsFor', () => {
  it('asks each kind for what the API requires', () => {
    expect(fieldsFor('splunk-hec')).toEqual({ url: true, fileName: false, secret: 'required' });
    expect(fieldsFor('http-json')).toEqual({ url: true, fileName: false, secret: 'optional' });
    expect(fieldsFor('file')).toEqual({ url: false, fileName: true, secret: 'none' });
  });
});

describe('FILE_NAME_PATTERN', () => {
  it('takes plain .jsonl names and refuses paths', () => {
    expect(FILE_NAME_PATTERN.test('siem-2026.jsonl')).toBe(true);
    expect(FILE_NAME_PATTERN.test('../etc/passwd.jsonl')).toBe(false);
    expect(FILE_NAME_PATTERN.test('.hidden.jsonl')).toBe(false);
    expect(FILE_NAME_PATTERN.test('siem.json')).toBe(false);
  });
});
