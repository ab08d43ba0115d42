/** The API contract version, published in the OpenAPI `info.version`. */
export const API_VERSION = '1.0.0';
