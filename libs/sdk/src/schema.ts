/**
 * Generated from libs/sdk/openapi.json by `npm run sdk:generate` (openapi-typescript).
 * Do not edit: change the API code, then run `npm run openapi && npm run sdk:generate`.
 */

export interface paths {
    "/api/v1/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up (no dependency checks) */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ready to serve: Postgres and Redis answer and no migration is pending
         * @description Every check is bounded by HEALTH_CHECK_TIMEOUT_MS, so a missing dependency gives a quick 503 problem naming it (with per-dependency `checks`) rather than a hang.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        DependencyState: "up" | "down";
        DependencyStatus: {
            /** @example Redis did not answer within 1500 ms */
            message?: string;
            /** @example up */
            status: components["schemas"]["DependencyState"];
        };
        /** @description One invalid input and why. */
        FieldError: {
            /** @example title must be shorter than or equal to 200 characters */
            message: string;
            /**
             * @description Path of the field in the request body or query.
             * @example title
             */
            path: string;
        };
        HealthReport: {
            /**
             * @description Each dependency checked, by name.
             * @example {
             *       "migrations": {
             *         "status": "up"
             *       },
             *       "postgres": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: components["schemas"]["DependencyStatus"];
            };
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        Liveness: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        /** @description RFC 9457 problem details, served as application/problem+json. `type` is a stable identifier listed in docs/errors.md. */
        Problem: {
            /** @example 1 field failed validation */
            detail?: string;
            /** @description Present on validation problems. */
            errors?: components["schemas"]["FieldError"][];
            /**
             * @description The path of the request.
             * @example /api/v1/tasks
             */
            instance?: string;
            /**
             * @description Echoes the X-Request-Id response header; quote it in support requests.
             * @example 5f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c
             */
            requestId?: string;
            /** @example 400 */
            status: number;
            /** @example Your request is not valid */
            title: string;
            /**
             * Format: uri
             * @example https://tasktrackr.dev/problems/validation-error
             */
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReport"];
                };
            };
            /** @description A dependency is down; `checks` says which. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
