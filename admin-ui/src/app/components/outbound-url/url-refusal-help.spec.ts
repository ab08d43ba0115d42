import { type RefusalWording, urlRefusalHelp } from './url-refusal-help';

const wording: RefusalWording = {
  receiver: 'SIEM',
  payload: 'Audit events',
  credentials: 'Put the credential in the token field below instead.',
};

describe('urlRefusalHelp', () => {
  it('explains an SSRF refusal of a private or metadata address, naming the receiver', () => {
    const help = urlRefusalHelp(
      'resolves to 169.254.169.254, a linkLocal address; only public addresses may be called',
      wording,
    );
    expect(help).toContain('server-side request forgery');
    expect(help).toContain('If your SIEM is internal');
    expect(help).toContain('OUTBOUND_ALLOW_HOSTS');
  });

  it('explains why https is required, but not when http is allowed too', () => {
    expect(urlRefusalHelp('must use https', wording)).toContain('Audit events leave');
    expect(urlRefusalHelp('must use https', wording)).toContain('OUTBOUND_ALLOW_HTTP');
    expect(urlRefusalHelp('must use https or http', wording)).toBeNull();
  });

  it('says where credentials go instead', () => {
    expect(urlRefusalHelp('must not carry a user name or password', wording)).toBe(
      wording.credentials,
    );
  });

  it('adds nothing to other messages', () => {
    expect(urlRefusalHelp('must be an absolute URL', wording)).toBeNull();
  });
});
