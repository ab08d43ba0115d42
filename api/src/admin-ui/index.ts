/** Serving the admin UI from the API process; public API for bootstrap and ops/ui. */
export { adminUiContentSecurityPolicy, inlineScriptHashes } from './content-security-policy';
export { serveAdminUi } from './serve-admin-ui';
