// Dev-server proxy for `npm run dev:ui` (ng serve on :4200): the API's paths go to the API, so
// the browser sees one origin, as in production (the HttpOnly refresh cookie stays first-party
// and no CORS is needed). TT_API_URL points it at another API (default http://localhost:3000).

const target = process.env.TT_API_URL || 'http://localhost:3000';

export default {
  '/api': { target, secure: false },
  '/metrics': { target, secure: false },
};
