import type { SecuritySchemeObject } from '@nestjs/swagger';

/** The two ways to authenticate, as named in the spec (and in Swagger UI's Authorize dialog). */
export const SESSION_JWT_SCHEME = 'sessionJwt';
export const API_TOKEN_SCHEME = 'personalApiToken';

export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  [SESSION_JWT_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Signed-in session: the `accessToken` (an RS256 JWT, valid for minutes) that `login`, `register` and `refreshSession` return. Send `Authorization: Bearer <accessToken>`; renew it with `refreshSession`. Allows whatever the user’s roles allow. Every authenticated operation accepts it.',
  },
  [API_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'tt_…',
    description:
      'Personal API token for scripts and CI: the `tt_…` value `createApiToken` shows once. Send `Authorization: Bearer tt_…`. Limited to its scopes and its owner’s roles; accepted only by operations that list this scheme (managing the account, sessions and tokens needs a signed-in session).',
  },
};
