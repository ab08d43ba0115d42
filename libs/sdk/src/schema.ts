/**
 * Generated from libs/sdk/openapi.json by `npm run sdk:generate` (openapi-typescript).
 * Do not edit: change the API code, then run `npm run openapi && npm run sdk:generate`.
 */

export interface paths {
    "/api/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signed checkpoints, newest first */
        get: operations["listAuditCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/checkpoints/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The newest signed checkpoint of the audit Merkle tree
         * @description JSON with the parsed fields and the signed note text as published (`note`); verify `note` with `vkey` (C2SP signed-note).
         */
        get: operations["getLatestAuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consistency proof between two tree sizes
         * @description RFC 9162 §2.1.4: proves the tree of `to` extends the tree of `from`. 422 when from > to or `to` is beyond the tree.
         */
        get: operations["getAuditConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sealed audit events, newest first
         * @description Keyset pagination on seq: pass `nextCursor` back as `cursor` with the same filters. `action` is a prefix.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/events/{id}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Inclusion proof of one event in the tree of a given size
         * @description RFC 9162 §2.1.3. `treeSize` defaults to the latest checkpoint. 404 for an unknown event; 422 when `treeSize` is beyond the tree or the event is not in that tree.
         */
        get: operations["getAuditInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download every matching event (CSV or JSON Lines), streamed in seq order
         * @description Streams the whole match in constant memory. CSV follows RFC 4180 and prefixes cells starting with `= + - @` with `'`. For very large or verifiable exports use `POST /audit/exports`.
         */
        get: operations["exportAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a background export of the matching events
         * @description Answers 202 with `Location`, the export’s status URL (`getAuditExport`): poll it for progress, and download when `status` is `done`.
         */
        post: operations["createAuditExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress and manifest of an export */
        get: operations["getAuditExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/exports/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The finished export file */
        get: operations["downloadAuditExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Ed25519 public key that verifies audit checkpoints
         * @description The current signing key, and the retired keys still trusted for what they signed before a key rotation (docs/operations.md, Audit signing key).
         */
        get: operations["getAuditPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dashboard figures: events per day, totals, chain head, last checkpoint, backlog
         * @description Aggregates only (no event content), so unlike the event reads this is not recorded in the log; a dashboard may poll it.
         */
        get: operations["getAuditStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every audit stream with its health (lag, last error, paused) */
        get: operations["listAuditStreams"];
        put?: never;
        /**
         * Start streaming the sealed audit log to a SIEM or a file
         * @description Workers send batches in seq order from the start chosen (`startAt`), each with its seq range and the chain hash at both ends; the cursor moves only after the receiver’s 2xx (or the file’s fsync). The secret is write-only. Auditors only.
         */
        post: operations["createAuditStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/streams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit stream with its health */
        get: operations["getAuditStream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/streams/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop sending (after the batch in flight); the cursor is kept */
        post: operations["pauseAuditStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/streams/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send again from the cursor (nothing skipped while paused) */
        post: operations["resumeAuditStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Walk the hash chain and the signed checkpoints
         * @description Reports the first seq that does not verify, if any.
         */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens (JWKS) */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Any failure is the same 401. Sets the HttpOnly `tt_refresh` refresh cookie (Path=/api/v1/auth, SameSite=Strict).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revoke the session of the refresh cookie and clear it */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange the refresh cookie for a new access token and a new cookie
         * @description The presented refresh value is spent. Presenting a spent value again revokes the whole session. Sets the HttpOnly `tt_refresh` refresh cookie (Path=/api/v1/auth, SameSite=Strict).
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (employee) and sign in
         * @description Only while REGISTRATION_OPEN. Sets the HttpOnly `tt_refresh` refresh cookie (Path=/api/v1/auth, SameSite=Strict).
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My active sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign one of my sessions out (its tokens stop working at once) */
        delete: operations["revokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My active API tokens (no values) */
        get: operations["listApiTokens"];
        put?: never;
        /** Create a personal API token (its value is shown only in this response) */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my API tokens */
        delete: operations["revokeApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
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
    "/api/v1/system/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Queues, recent failed jobs and the audit outbox (admin)
         * @description Answers 200 even when Redis is down: the affected queues are then `available: false` with null counts. Failed jobs never include their data.
         */
        get: operations["getSystemStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks the caller can see, filtered, sorted, cursor-paginated
         * @description Employees see tasks they own or are assigned; admins see all. Keyset pagination: pass `nextCursor` back as `cursor` with the same sort and filters (another sort or filter is a 400); a deep page costs what the first costs.
         */
        get: operations["listTasks"];
        put?: never;
        /**
         * Create a task (owned by the caller)
         * @description Answers 201 with `Location` and `ETag`. Send `Idempotency-Key` to make retries safe.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One task
         * @description Send `If-None-Match` with a known ETag to get a 304 when it has not changed.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        /**
         * Soft-delete a task (restorable)
         * @description Honours `If-Match` like PATCH.
         */
        delete: operations["deleteTask"];
        options?: never;
        head?: never;
        /**
         * Change a task
         * @description With `If-Match: <ETag>` the change applies only if the task is still at that version, else 412 with `currentVersion`. Without `If-Match` the change applies unconditionally (last write wins).
         */
        patch: operations["updateTask"];
        trace?: never;
    };
    "/api/v1/tasks/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The task’s audit events, newest first
         * @description For whoever can see the task (also after a soft delete). Lists sealed events: a change appears once the audit worker has sealed it, normally within a second.
         */
        get: operations["getTaskHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo a soft delete
         * @description Restoring a task that is not deleted changes nothing and answers 200.
         */
        post: operations["restoreTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change status, priority, assignee or labels of up to 500 tasks at once
         * @description One transaction, all or nothing: if any id is not a task the caller can see, nothing changes and the 404 lists `missingIds`.
         */
        post: operations["bulkUpdateTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: changes to tasks the caller can see
         * @description A `text/event-stream` (Server-Sent Events), not JSON: read it with an SSE client (`EventSource`, or fetch and split on blank lines). Each event has `event: <type>`, `id: <taskId>:<version>` and one `data:` line holding a `TaskEvent` as JSON; fetch the task for its new state. Delivered across API replicas through Redis within about a second of commit; best-effort, so after a reconnect re-list. A `heartbeat` event every 25 s keeps idle connections open.
         */
        get: operations["streamTaskEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dashboard counts over the tasks the caller can see */
        get: operations["getTaskStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * All users, newest first (admin)
         * @description Cursor-paginated; `email` filters by a part of the address.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user with roles and an initial password (admin)
         * @description The password policy of registration applies (400 naming `password`). The email is stored lower-cased; one already taken, in any case, is a 409 `email-taken`. Answers 201 with `Location`. Records `user.created`.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change roles or disable/enable a user (admin)
         * @description Applies to the user’s next request on the replica that serves this call and within a second on every other (see docs/auth.md, Freshness). Disabling revokes all their sessions and API tokens. The last enabled admin cannot be demoted or disabled (409).
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change my display name
         * @description Records `user.updated` when the name actually changes.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/api/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password; my other sessions are signed out
         * @description A wrong `currentPassword` is a 400 `validation-error` naming `currentPassword` in `errors` (not a 401: the caller is signed in, and the session stays valid). `newPassword` must pass the password policy (400 naming `newPassword`). On success every other session of mine is revoked at once; this one stays signed in. API tokens are not affected. Rate limited like sign-in (per IP).
         */
        post: operations["changeMyPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions: mine, or every one for admins (oldest first) */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to events (the signing secret is shown only in this response)
         * @description The URL must be https and resolve only to public addresses (checked now and at every send). Events are those the caller may read: their own and assigned tasks; admins every task and, with `user.*`, every user event. Deliveries start with the next event sealed in the audit log.
         */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook subscription */
        get: operations["getWebhookSubscription"];
        put?: never;
        post?: never;
        /** Delete a subscription, its queue and its delivery log */
        delete: operations["deleteWebhookSubscription"];
        options?: never;
        head?: never;
        /** Change a subscription, pause it, or re-enable it */
        patch: operations["updateWebhookSubscription"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log, newest first, each with its attempts */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue one past delivery again (new webhook-id, after those already waiting) */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue again every matching event since an instant
         * @description Filtered as the first time (event types, and what the owner may read now); at most 50,000 per call, in sequence order, after the deliveries already waiting.
         */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New signing secret (shown once); the old one also signs for 24 hours
         * @description Until `previousSecretExpiresAt`, `webhook-signature` carries two signatures (`v1,<new> v1,<old>`), so receivers can switch secrets without dropping a delivery.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a signed `webhook.test` message now and answer what the receiver said
         * @description Sent at once, outside the queue (it neither waits for nor holds up queued deliveries); recorded in the delivery log. A failure is not retried.
         */
        post: operations["testWebhookSubscription"];
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
        /** @description A personal API token (its value is never shown again). */
        ApiToken: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description Minute precision.
             */
            lastUsedAt: string | null;
            name: string;
            /**
             * @description First characters of the value, to recognise it.
             * @example tt_3kq9
             */
            prefix: string;
            scopes: components["schemas"]["Scope"][];
        };
        /** @description Who did it, as captured at the time. */
        AuditActor: {
            /** @example ada@example.com */
            display: string;
            /** @example 6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11 */
            id: string | null;
            /** @example user */
            type: components["schemas"]["AuditActorType"];
        };
        /** @enum {string} */
        AuditActorType: "user" | "token" | "system";
        /** @description A signed C2SP checkpoint of the audit Merkle tree (docs/audit-log.md). */
        AuditCheckpoint: {
            /**
             * @description Witness cosignature lines (c2sp.org/tlog-cosignature v1) received for this checkpoint, oldest first; each ends with a newline. Appended to `note` they verify with the witness's vkey (docs/audit-log.md, Witness). Empty without AUDIT_WITNESS_URL.
             * @example [
             *       "— witness.example.org/w1 Hf5b1QAAAABnSq0AQ0Xz9k1wVbJYBsP6Pd2VwrQWAHLbqEoYm6uDdGhpcyBpcyBhbiBleGFtcGxlIGNvc2lnbmF0dXJlIGxpbmU=\n"
             *     ]
             */
            cosignatures: string[];
            /** @example 2026-11-30T03:00:00.000Z */
            createdAt: string;
            /**
             * @description The signed note exactly as published (what a verifier checks).
             * @example tasktrackr.local/audit
             *     1069
             *     CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
             *
             *     — tasktrackr.local/audit Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
             */
            note: string;
            /**
             * @description Origin line, also the signing key name.
             * @example tasktrackr.local/audit
             */
            origin: string;
            /**
             * @description RFC 9162 root hash, base64.
             * @example CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
             */
            rootHash: string;
            /**
             * @description Number of leaves (events seq 1..treeSize).
             * @example 1069
             */
            treeSize: number;
            /**
             * @description Verifier key of the log (`<name>+<key id hex>+<base64(0x01 ‖ Ed25519 key)>`) that signed this checkpoint: the current key, or a retired one for checkpoints signed before a rotation.
             * @example tasktrackr.local/audit+cb9a4a65+AQ0kNW8yuE0mqqWxVbJYBsP6Pd2VwrQWAHLbqEoYm6uD
             */
            vkey: string;
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        AuditCheckpointPage: {
            items: components["schemas"]["AuditCheckpoint"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        /** @description The newest signed checkpoint. */
        AuditCheckpointRef: {
            /**
             * Format: date-time
             * @example 2026-11-23T18:00:00.123Z
             */
            createdAt: string;
            /**
             * @description Seq it covers (decimal string).
             * @example 1000
             */
            seq: string;
        };
        /** @description RFC 9162 consistency proof that the tree of `to` extends the tree of `from`. */
        AuditConsistencyProof: {
            /** @example 1000 */
            from: number;
            /**
             * @description Root of the tree of `from`, base64.
             * @example CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
             */
            fromRoot: string;
            /**
             * @description Proof hashes (RFC 9162 §2.1.4), base64; empty when from = to.
             * @example [
             *       "X4M/Chozygdqlx+YMlgNs+DvRYS9/x9UyKNg9Q3jAx4="
             *     ]
             */
            hashes: string[];
            /** @example 1069 */
            to: number;
            /**
             * @description Root of the tree of `to`, base64.
             * @example CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
             */
            toRoot: string;
        };
        /** @description A sealed audit event. `hash` = SHA-256(prevHash ‖ canonical JSON of the event); see docs/audit-log.md. */
        AuditEvent: {
            /** @example task.updated */
            action: string;
            actor: components["schemas"]["AuditActor"];
            /**
             * @description Before/after of each changed field; secrets are redacted.
             * @example {
             *       "title": {
             *         "after": "Final",
             *         "before": "Draft"
             *       }
             *     }
             */
            changes: {
                [key: string]: unknown;
            } | null;
            hash: string;
            /** Format: uuid */
            id: string;
            /** @example 203.0.113.7 */
            ip: string | null;
            /**
             * Format: date-time
             * @example 2026-11-23T18:00:00.123Z
             */
            occurredAt: string;
            /** @example success */
            outcome: components["schemas"]["AuditOutcome"];
            prevHash: string;
            requestId: string | null;
            /**
             * @description Gap-free position in the chain (a decimal string: it may exceed 2^53).
             * @example 1042
             */
            seq: string;
            target: components["schemas"]["AuditTarget"];
            /**
             * @description W3C trace id of the request that recorded the event (its `traceparent`, or the trace the API started); null outside a trace and for events recorded before trace ids were.
             * @example 4bf92f3577b34da6a3ce929d0e0e4736
             */
            traceId: string | null;
            userAgent: string | null;
        };
        AuditEventFilters: {
            /**
             * @description Action prefix: `task.` matches `task.created`, `task.updated`…
             * @example auth.login
             */
            action?: string;
            /** @description Exact actor id (user or token id). */
            actorId?: string;
            /**
             * Format: date-time
             * @description occurredAt ≥ from (inclusive).
             */
            from?: string;
            /** @example failure */
            outcome?: components["schemas"]["AuditOutcome"];
            targetId?: string;
            /** @example task */
            targetType?: string;
            /**
             * Format: date-time
             * @description occurredAt < to (exclusive).
             */
            to?: string;
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        AuditEventPage: {
            items: components["schemas"]["AuditEvent"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        AuditExport: {
            /** Format: date-time */
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            error: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** @example jsonl */
            format: components["schemas"]["AuditExportFormat"];
            /** Format: uuid */
            id: string;
            manifest: components["schemas"]["AuditExportManifest"] | null;
            /** @example 40 */
            progress: number;
            /** @description Base64 Ed25519 signature of the manifest. */
            signature: string | null;
            /** @example running */
            status: components["schemas"]["AuditExportStatus"];
        };
        AuditExportAccepted: {
            /** Format: uuid */
            id: string;
        };
        /** @enum {string} */
        AuditExportFormat: "csv" | "jsonl";
        /** @description What the file holds. `signature` (Ed25519, see `getAuditPublicKey`) covers the canonical JSON of this object. */
        AuditExportManifest: {
            /** @example 1042 */
            count: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            exportId: string;
            /** @description SHA-256 (hex) of the file. */
            fileSha256: string;
            /**
             * @example {
             *       "action": "auth."
             *     }
             */
            filters: {
                [key: string]: string;
            };
            firstHash: string | null;
            firstSeq: string | null;
            /** @example jsonl */
            format: components["schemas"]["AuditExportFormat"];
            keyId: string;
            lastHash: string | null;
            lastSeq: string | null;
            /** @description The newest signed tree checkpoint covering the export: `{note, treeSize, first, last}` with `note` the C2SP checkpoint text and `first`/`last` `{seq, leafIndex, proof}` the inclusion proofs (base64 hashes) of the first and last exported events. Absent when no checkpoint covered the export yet, and in older manifests. */
            treeCheckpoint?: {
                [key: string]: unknown;
            };
            /** @description Chain head when the export began. */
            upToSeq: string | null;
        };
        /** @enum {string} */
        AuditExportStatus: "queued" | "running" | "done" | "failed" | "expired";
        /** @description RFC 9162 inclusion proof of one event. */
        AuditInclusionProof: {
            /**
             * Format: uuid
             * @example 0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10
             */
            eventId: string;
            /**
             * @description Audit path, leaf side first, base64.
             * @example [
             *       "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c="
             *     ]
             */
            hashes: string[];
            /**
             * @description SHA-256(0x00 ‖ canonical event JSON), base64.
             * @example bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=
             */
            leafHash: string;
            /**
             * @description seq - 1.
             * @example 1068
             */
            leafIndex: number;
            /**
             * @description Root of the tree of treeSize, base64.
             * @example CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
             */
            rootHash: string;
            /** @example 1069 */
            treeSize: number;
        };
        /** @enum {string} */
        AuditOutcome: "success" | "failure";
        /** @description A retired audit signing key. */
        AuditPreviousPublicKey: {
            /** @example 9b1e07c2d4a3f560 */
            keyId: string;
            /** @description SPKI PEM. */
            publicKeyPem: string;
        };
        /** @description The key that verifies checkpoint signatures. */
        AuditPublicKey: {
            /**
             * @example Ed25519
             * @enum {string}
             */
            algorithm: "Ed25519";
            /**
             * @description First 16 hex digits of SHA-256 of the DER public key.
             * @example 3f2a9c0d11b7e845
             */
            keyId: string;
            /** @description Retired keys (AUDIT_PREVIOUS_PUBLIC_KEYS) that still verify what they signed before a key rotation; they sign nothing new. Empty when the key was never rotated. */
            previousKeys: components["schemas"]["AuditPreviousPublicKey"][];
            /** @description SPKI PEM. */
            publicKeyPem: string;
        };
        /** @description Figures for the audit dashboard; reading them is not itself audited. */
        AuditStats: {
            /** @description Sealed events per UTC day of `occurredAt`, the last 30 days (today included), oldest first; days without events count 0. */
            eventsPerDay: components["schemas"]["DailyCount"][];
            /**
             * @description Seq of the chain head (decimal string): the last sealed event, or a retention checkpoint if later; "0" for an empty chain.
             * @example 1042
             */
            headSeq: string;
            lastCheckpoint: components["schemas"]["AuditCheckpointRef"] | null;
            /**
             * @description Events captured but not sealed yet (the outbox).
             * @example 0
             */
            pendingOutbox: number;
            /**
             * @description Sealed events held in the database (after any retention purge).
             * @example 1042
             */
            totalEvents: number;
        };
        /** @description A stream and its health; never its secret. */
        AuditStream: {
            /** @example 500 */
            batchSize: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: components["schemas"]["AuditStreamCreator"];
            /** @example null */
            fileName: string | null;
            /** @example ocsf */
            format: components["schemas"]["AuditStreamFormat"];
            /** @description Whether a secret (HEC token, bearer token) is set. */
            hasSecret: boolean;
            health: components["schemas"]["AuditStreamHealth"];
            /** Format: uuid */
            id: string;
            /** @example splunk-hec */
            kind: components["schemas"]["AuditStreamKind"];
            /** @example Splunk (SOC) */
            name: string;
            /** @description Paused streams keep their cursor and send nothing. */
            paused: boolean;
            /** @example https://splunk.example.com:8088/services/collector/event */
            url: string | null;
        };
        AuditStreamCreator: {
            /** @example auditor@example.com */
            display: string;
            id: string | null;
        };
        /** @description The last failed attempt. */
        AuditStreamError: {
            /**
             * Format: date-time
             * @example 2026-11-30T06:00:00.000Z
             */
            at: string;
            /** @example receiver answered 503: {"text":"Server is busy","code":9} */
            message: string;
        };
        /** @enum {string} */
        AuditStreamFormat: "jsonl" | "ocsf";
        /** @description Where the stream stands. `lagEvents` = `headSeq` − `lastSeq` (seq is gap-free); `lagSeconds` = how long the oldest undelivered event has been sealed, 0 when caught up. */
        AuditStreamHealth: {
            /** @description Failed attempts in a row (0 after a success). */
            attempts: number;
            /**
             * @description Seq of the newest sealed event.
             * @example 1042
             */
            headSeq: string;
            /** @example 42 */
            lagEvents: number;
            /** @example 1.5 */
            lagSeconds: number;
            /** Format: date-time */
            lastDeliveredAt: string | null;
            lastError: components["schemas"]["AuditStreamError"] | null;
            /** @description Chain hash at `lastSeq`. */
            lastHash: string | null;
            /**
             * @description Last seq the receiver acknowledged.
             * @example 1000
             */
            lastSeq: string;
            /**
             * Format: date-time
             * @description Backing off until then after a failure.
             */
            nextAttemptAt: string | null;
        };
        /** @enum {string} */
        AuditStreamKind: "splunk-hec" | "http-json" | "file";
        AuditStreamList: {
            /** @description Every stream, oldest first. */
            items: components["schemas"]["AuditStream"][];
        };
        /**
         * @description `beginning` (the default): the whole sealed log; `now`: only events sealed from now on.
         * @enum {string}
         */
        AuditStreamStart: "beginning" | "now";
        /** @description What the action was done to. */
        AuditTarget: {
            /** @example 0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10 */
            id: string | null;
            /** @example task */
            type: string;
        };
        AuditVerifyResult: {
            /**
             * @description Events checked before the walk ended.
             * @example 1042
             */
            checked: number;
            /**
             * @description Published tree checkpoints whose root the events reproduced.
             * @example 12
             */
            checkpointsChecked?: number;
            /**
             * @description The first seq that does not verify.
             * @example 17
             */
            firstBadSeq?: string;
            /** @description True when every event and checkpoint in the range checks out. */
            ok: boolean;
            /** @example hash of seq 17 does not match its content */
            reason?: string;
            /**
             * @description Which audit key (by key id) signed the checkpoints that were checked: chain checkpoints in the range and published tree checkpoints. After a key rotation, the retired and the current key. Absent when no checkpoint was checked.
             * @example {
             *       "3f2a9c0d11b7e845": {
             *         "chainCheckpoints": 1,
             *         "treeCheckpoints": 2
             *       },
             *       "9b1e07c2d4a3f560": {
             *         "chainCheckpoints": 3,
             *         "treeCheckpoints": 4
             *       }
             *     }
             */
            signedBy?: {
                [key: string]: {
                    chainCheckpoints: number;
                    treeCheckpoints: number;
                };
            };
        };
        /** @description A short-lived access token (send as `Authorization: Bearer …`). The refresh token travels only in the HttpOnly `tt_refresh` cookie. */
        AuthResult: {
            /** @description RS256 JWT; verify with the keys at /api/v1/auth/jwks.json. */
            accessToken: string;
            /**
             * @description Seconds until the access token expires.
             * @example 900
             */
            expiresIn: number;
            /** @enum {string} */
            tokenType: "Bearer";
            user: components["schemas"]["User"];
        };
        /** @description The changes applied to every listed task. */
        BulkTaskChanges: {
            /**
             * Format: uuid
             * @description A user id; `null` unassigns.
             */
            assigneeId?: string | null;
            /** @description Replaces the whole list. */
            labels?: string[];
            /** @example high */
            priority?: components["schemas"]["TaskPriority"];
            /** @example in_progress */
            status?: components["schemas"]["TaskStatus"];
        };
        BulkUpdateTasks: {
            changes: components["schemas"]["BulkTaskChanges"];
            ids: string[];
        };
        BulkUpdateTasksResult: {
            /** @description The tasks after the change, in request order. */
            items: components["schemas"]["Task"][];
        };
        /** @description Change my password. */
        ChangePassword: {
            /** Format: password */
            currentPassword: string;
            /**
             * Format: password
             * @description At least 12 characters, not the email address, not a common password, not the current one.
             */
            newPassword: string;
        };
        CreateApiToken: {
            /**
             * Format: date-time
             * @description Omit for no expiry.
             */
            expiresAt?: string;
            /** @example CI pipeline */
            name: string;
            scopes: components["schemas"]["Scope"][];
        };
        CreateAuditExport: {
            filters?: components["schemas"]["AuditEventFilters"];
            /** @example jsonl */
            format: components["schemas"]["AuditExportFormat"];
        };
        /** @description `url` for `splunk-hec` and `http-json` (https, unless OUTBOUND_ALLOW_HTTP; the address must pass the outbound guard), `fileName` for `file` (a plain name under AUDIT_STREAM_FILE_DIR), `secret` required for `splunk-hec` (the HEC token), optional for `http-json` (sent as a bearer token), not allowed for `file`. */
        CreateAuditStream: {
            /** @description Most events per batch (default 500). */
            batchSize?: number;
            /** @example siem.jsonl */
            fileName?: string;
            /** @example ocsf */
            format: components["schemas"]["AuditStreamFormat"];
            /** @example splunk-hec */
            kind: components["schemas"]["AuditStreamKind"];
            /** @example Splunk (SOC) */
            name: string;
            /**
             * @description Write-only: never returned (`hasSecret` says whether one is set).
             * @example 6b1e0c7a-7f44-4c1b-9e0f-0d9d5c1e2a10
             */
            secret?: string;
            /** @description `beginning` (the default): the whole sealed log; `now`: only events sealed from now on. */
            startAt?: components["schemas"]["AuditStreamStart"];
            /** @example https://splunk.example.com:8088/services/collector/event */
            url?: string;
        };
        /** @description The new token; `token` is shown only this once. */
        CreatedApiToken: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description Minute precision.
             */
            lastUsedAt: string | null;
            name: string;
            /**
             * @description First characters of the value, to recognise it.
             * @example tt_3kq9
             */
            prefix: string;
            scopes: components["schemas"]["Scope"][];
            /**
             * @description Send as `Authorization: Bearer tt_…`.
             * @example tt_3kq9…
             */
            token: string;
        };
        /** @description The new subscription; `secret` is shown only this once. */
        CreatedWebhookSubscription: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** Format: date-time */
            disabledAt: string | null;
            /**
             * @description Why it was disabled: paused by a user, or a delivery failed for the whole retry window.
             * @example null
             */
            disabledReason: string | null;
            enabled: boolean;
            eventTypes: components["schemas"]["WebhookEventType"][];
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The user whose access filters the events.
             */
            ownerId: string;
            /**
             * Format: date-time
             * @description After a rotation: until when deliveries are also signed with the old secret.
             */
            previousSecretExpiresAt: string | null;
            /**
             * @description Standard Webhooks signing secret (`whsec_` + base64). Shown only in this response.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /** Format: date-time */
            updatedAt: string;
            /** @example https://hooks.example.com/tasktrackr */
            url: string;
        };
        CreateTask: {
            /**
             * Format: uuid
             * @description A user id.
             */
            assigneeId?: string;
            description?: string;
            /**
             * Format: date-time
             * @description ISO 8601 with offset.
             */
            dueAt?: string;
            /** @description Replaces the whole list. */
            labels?: string[];
            /** @example high */
            priority?: components["schemas"]["TaskPriority"];
            /** @example in_progress */
            status?: components["schemas"]["TaskStatus"];
            /** @example Prepare the Q4 report */
            title: string;
        };
        /** @description An account an admin creates, with the initial password they hand over. */
        CreateUser: {
            /** @example Ann Example */
            displayName: string;
            /**
             * Format: email
             * @description Stored lower-cased; unique regardless of case.
             * @example ann@example.com
             */
            email: string;
            /**
             * Format: password
             * @description The initial password. At least 12 characters, not the email address, not a common password.
             */
            password: string;
            /**
             * @example [
             *       "employee"
             *     ]
             */
            roles: components["schemas"]["Role"][];
        };
        CreateWebhookSubscription: {
            /** @example Sync to our CRM */
            description?: string;
            /** @description `task.*` events of tasks the owner may read; `user.*` (every user event) for admins only. */
            eventTypes: components["schemas"]["WebhookEventType"][];
            /**
             * @description Where deliveries are POSTed: https, resolving only to public addresses (docs/webhooks.md, "SSRF rules").
             * @example https://hooks.example.com/tasktrackr
             */
            url: string;
        };
        DailyCount: {
            /** @example 3 */
            count: number;
            /**
             * Format: date
             * @description UTC day.
             * @example 2026-11-23
             */
            date: string;
        };
        /** @enum {string} */
        DependencyState: "up" | "down";
        DependencyStatus: {
            /**
             * @description `auditOutbox` only: events captured but not yet sealed.
             * @example 0
             */
            backlog?: number;
            /** @example Redis did not answer within 1500 ms */
            message?: string;
            /**
             * @description `auditOutbox` only: age of the oldest unsealed event, in seconds.
             * @example 0
             */
            oldestAgeSeconds?: number;
            /** @example up */
            status: components["schemas"]["DependencyState"];
        };
        /** @description A job that failed for good. Never includes the job’s data (it may hold secrets). */
        FailedJob: {
            /** @example 5 */
            attemptsMade: number;
            /** Format: date-time */
            failedAt: string | null;
            /**
             * @description The error message (at most 1000 characters).
             * @example ENOSPC: no space left on device
             */
            failedReason: string | null;
            /** @example 42 */
            id: string;
            /** @example export */
            name: string;
            /** @example audit */
            queue: string;
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
             * @description Only with DATABASE_REPLICA_URLS set: each read replica by `host:port/database`. Reported, never failing readiness (reads fall back to the primary).
             * @example {
             *       "replica-1.db:5432/tasktrackr": {
             *         "lagSeconds": 0.012,
             *         "state": "up"
             *       },
             *       "replica-2.db:5432/tasktrackr": {
             *         "lagSeconds": null,
             *         "message": "connect ECONNREFUSED 10.0.0.8:5432",
             *         "state": "down"
             *       }
             *     }
             */
            replicas?: {
                [key: string]: components["schemas"]["ReplicaStatus"];
            };
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        /** @description An RSA public key (RFC 7517). */
        Jwk: {
            /** @enum {string} */
            alg: "RS256";
            e: string;
            /** @description RFC 7638 thumbprint; matches the `kid` of the tokens it signed. */
            kid: string;
            /** @enum {string} */
            kty: "RSA";
            n: string;
            /** @enum {string} */
            use: "sig";
        };
        /** @description The public keys that verify access tokens. */
        Jwks: {
            keys: components["schemas"]["Jwk"][];
        };
        Liveness: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        Login: {
            /** @example ann@example.com */
            email: string;
            /** Format: password */
            password: string;
        };
        /** @description A `not-ready` problem (503): at least one dependency is down; `checks` gives the state of each. */
        NotReadyProblem: {
            /**
             * @description Each dependency checked, by name.
             * @example {
             *       "postgres": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "message": "Redis did not answer within 1500 ms",
             *         "status": "down"
             *       }
             *     }
             */
            checks: {
                [key: string]: components["schemas"]["DependencyStatus"];
            };
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
        /** @description The audit outbox: events not sealed yet. */
        OutboxStatus: {
            /**
             * @description Age of the oldest pending event; 0 when none.
             * @example 0
             */
            oldestPendingAgeSeconds: number;
            /** @example 0 */
            pending: number;
        };
        /** @description A `precondition-failed` problem (412): `If-Match` named a version that is no longer current. Carries the current version, so a client can refetch and retry without guessing. */
        PreconditionFailedProblem: {
            /**
             * @description The current ETag (also sent in the `ETag` header): send it as `If-Match`.
             * @example "3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c:3"
             */
            currentETag: string;
            /**
             * @description The version the resource is at now.
             * @example 3
             */
            currentVersion: number;
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
        /** @description Job counts of one Bull queue. When Redis does not answer, `available` is false, the counts are null and `message` says why. */
        QueueStatus: {
            /**
             * @description Running now.
             * @example 1
             */
            active: number | null;
            /**
             * @description False when Redis could not be read in time.
             * @example true
             */
            available: boolean;
            /**
             * @description Completed (kept up to the queue’s removeOnComplete limit).
             * @example 12
             */
            completed: number | null;
            /**
             * @description Scheduled for later (including retries after a backoff).
             * @example 0
             */
            delayed: number | null;
            /**
             * @description Failed for good (kept up to the queue’s removeOnFail limit).
             * @example 0
             */
            failed: number | null;
            /** @example Redis is not connected */
            message?: string;
            /** @example audit */
            name: string;
            /**
             * @description Held because the queue is paused.
             * @example 0
             */
            paused: number | null;
            /**
             * @description Waiting to run.
             * @example 0
             */
            waiting: number | null;
        };
        /** @description Self-registration (when REGISTRATION_OPEN). */
        Register: {
            /** @example Ann Example */
            displayName: string;
            /**
             * Format: email
             * @example ann@example.com
             */
            email: string;
            /**
             * Format: password
             * @description At least 12 characters, not the email address, not a common password.
             */
            password: string;
        };
        ReplayWebhookEvents: {
            /**
             * Format: date-time
             * @description Queue again every event this subscription matched that occurred at or after this instant.
             * @example 2030-01-01T00:00:00.000Z
             */
            since: string;
        };
        /** @enum {string} */
        ReplicaState: "up" | "lagging" | "down";
        /** @description A read replica as the background poll last saw it. `up`: serves reads; `lagging`: more than REPLICA_MAX_LAG_MS behind the primary; `down`: unreachable or not a standby. Reads skip a replica that is not `up`; readiness never fails on one. */
        ReplicaStatus: {
            /**
             * @description Seconds of primary writes not replayed yet; null while unknown (unreachable, or not measured yet).
             * @example 0.012
             */
            lagSeconds: number | null;
            /** @example connect ECONNREFUSED 10.0.0.7:5432 */
            message?: string;
            /** @example up */
            state: components["schemas"]["ReplicaState"];
        };
        /** @enum {string} */
        Role: "employee" | "admin" | "auditor";
        /** @enum {string} */
        Scope: "tasks:read" | "tasks:write" | "audit:read" | "audit:export";
        /** @description One signed-in device or browser. */
        Session: {
            /** Format: date-time */
            createdAt: string;
            /** @description The session of the token making this request. */
            current: boolean;
            /**
             * Format: date-time
             * @description Absolute end of the session.
             */
            expiresAt: string;
            /** Format: uuid */
            id: string;
            ip: string | null;
            /**
             * Format: date-time
             * @description Last sign-in or token refresh.
             */
            lastUsedAt: string;
            userAgent: string | null;
        };
        /** @description Background processing at a glance (admin). */
        SystemStatus: {
            outbox: components["schemas"]["OutboxStatus"];
            /** @description Every Bull queue of the app, by name. */
            queues: components["schemas"]["QueueStatus"][];
            /** @description The newest failed jobs over all queues (at most 20), newest first. */
            recentFailedJobs: components["schemas"]["FailedJob"][];
        };
        /** @description A task. `version` increments on every change; the ETag is `"<id>:<version>"`. */
        Task: {
            /** Format: uuid */
            assigneeId: string | null;
            /**
             * Format: date-time
             * @description Set when the status becomes `done`, cleared when it leaves `done`.
             */
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @example Numbers from finance, charts from BI. */
            description: string;
            /** Format: date-time */
            dueAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * @example [
             *       "finance",
             *       "q4"
             *     ]
             */
            labels: string[];
            /** Format: uuid */
            ownerId: string;
            /** @example medium */
            priority: components["schemas"]["TaskPriority"];
            /** @example todo */
            status: components["schemas"]["TaskStatus"];
            /** @example Prepare the Q4 report */
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @example 1 */
            version: number;
        };
        /** @description One change notification on the task event stream. */
        TaskEvent: {
            /** Format: uuid */
            id?: string;
            /** Format: date-time */
            occurredAt?: string;
            /** @example task.updated */
            type: components["schemas"]["TaskEventType"];
            /** @description The task’s version after the change. */
            version?: number;
        };
        /** @enum {string} */
        TaskEventType: "task.created" | "task.updated" | "task.deleted" | "task.restored" | "heartbeat";
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        TaskHistoryPage: {
            items: components["schemas"]["AuditEvent"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        TaskPage: {
            items: components["schemas"]["Task"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        /** @enum {string} */
        TaskPriority: "low" | "medium" | "high" | "urgent";
        TaskPriorityCounts: {
            high: number;
            low: number;
            medium: number;
            urgent: number;
        };
        /** @description A `not-found` problem (404) from a bulk change: some ids are not tasks the caller can see, so nothing changed. `missingIds` lists them. */
        TasksNotFoundProblem: {
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
             * @description The requested ids that are not live tasks visible to the caller.
             * @example [
             *       "3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c"
             *     ]
             */
            missingIds: string[];
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
        /** @enum {string} */
        TaskSort: "createdAt" | "-createdAt" | "dueAt" | "-dueAt" | "priority" | "-priority";
        /** @description Counts over the live tasks the caller can see. */
        TaskStats: {
            byPriority: components["schemas"]["TaskPriorityCounts"];
            byStatus: components["schemas"]["TaskStatusCounts"];
            /** @description Completions per UTC day, the last 30 days, oldest first. */
            completedPerDay: components["schemas"]["DailyCount"][];
            /** @description Not done, due within the next 7 days (not yet overdue). */
            dueNext7Days: number;
            /** @description Past due and not done. */
            overdue: number;
        };
        /** @enum {string} */
        TaskStatus: "todo" | "in_progress" | "blocked" | "done";
        TaskStatusCounts: {
            blocked: number;
            done: number;
            in_progress: number;
            todo: number;
        };
        /** @description What a signed-in user may change on their account. */
        UpdateMe: {
            /** @example Ann Example */
            displayName: string;
        };
        /** @description Only the fields present change; `null` clears dueAt or assigneeId. */
        UpdateTask: {
            /**
             * Format: uuid
             * @description A user id; `null` unassigns.
             */
            assigneeId?: string | null;
            description?: string;
            /**
             * Format: date-time
             * @description ISO 8601 with offset; `null` clears it.
             */
            dueAt?: string | null;
            /** @description Replaces the whole list. */
            labels?: string[];
            /** @example high */
            priority?: components["schemas"]["TaskPriority"];
            /** @example in_progress */
            status?: components["schemas"]["TaskStatus"];
            /** @example Prepare the Q4 report */
            title?: string;
        };
        /** @description What an admin may change on a user. */
        UpdateUser: {
            /** @description Disabling signs the user out everywhere and revokes their API tokens. */
            disabled?: boolean;
            roles?: components["schemas"]["Role"][];
        };
        /** @description Only the fields given change. */
        UpdateWebhookSubscription: {
            description?: string;
            /** @description `true` re-enables a disabled subscription (its queued deliveries resume in order); `false` pauses it. */
            enabled?: boolean;
            /** @description `task.*` events of tasks the owner may read; `user.*` (every user event) for admins only. */
            eventTypes?: components["schemas"]["WebhookEventType"][];
            /** @description Where deliveries are POSTed: https, resolving only to public addresses (docs/webhooks.md, "SSRF rules"). */
            url?: string;
        };
        /** @description A user account (never includes password material). */
        User: {
            /** Format: date-time */
            createdAt: string;
            /** @description A disabled user cannot sign in or use any token. */
            disabled: boolean;
            /** @example Ann Example */
            displayName: string;
            /** @example ann@example.com */
            email: string;
            /** Format: uuid */
            id: string;
            roles: components["schemas"]["Role"][];
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        UserPage: {
            items: components["schemas"]["User"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        /** @description One attempt to deliver. */
        WebhookAttempt: {
            /** Format: date-time */
            attemptedAt: string;
            /**
             * @description Why no answer came, or why the URL was refused.
             * @example null
             */
            error: string | null;
            /** @example 12.5 */
            latencyMs: number;
            /** @example success */
            outcome: components["schemas"]["WebhookAttemptOutcome"];
            /**
             * @description The first kilobyte of the response body.
             * @example ok
             */
            responseBody: string;
            /**
             * @description HTTP status; null when none came.
             * @example 200
             */
            statusCode: number | null;
        };
        /** @enum {string} */
        WebhookAttemptOutcome: "success" | "http-error" | "network-error" | "refused";
        /** @description One message to one subscription, and its attempts. */
        WebhookDelivery: {
            attemptCount: number;
            /** @description Oldest first. */
            attempts: components["schemas"]["WebhookAttempt"][];
            /** Format: date-time */
            completedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description Sequence of the audit event delivered (null for a test send).
             * @example 1042
             */
            eventSeq: string | null;
            /** @example task.updated */
            eventType: string;
            /**
             * Format: uuid
             * @description Sent as `webhook-id`: receivers dedupe by it.
             */
            id: string;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /**
             * Format: uuid
             * @description The delivery this one replays.
             */
            replayOf: string | null;
            /** @example succeeded */
            status: components["schemas"]["WebhookDeliveryStatus"];
            /** Format: uuid */
            subscriptionId: string;
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
        /** @enum {string} */
        WebhookDeliveryStatus: "pending" | "succeeded" | "failed";
        /**
         * @description `task.*` events of tasks the owner may read; `user.*` (every user event) for admins only.
         * @enum {string}
         */
        WebhookEventType: "task.created" | "task.updated" | "task.deleted" | "task.restored" | "user.*";
        WebhookReplayQueued: {
            /**
             * @description Deliveries queued (after the ones already waiting).
             * @example 12
             */
            queued: number;
        };
        /** @description A rotated secret, shown only this once. */
        WebhookSecret: {
            /**
             * Format: date-time
             * @description Until then deliveries carry a signature with the old secret too.
             */
            previousSecretExpiresAt: string;
            /** @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw */
            secret: string;
        };
        /** @description A webhook subscription (never its secret). */
        WebhookSubscription: {
            /** Format: date-time */
            createdAt: string;
            description: string;
            /** Format: date-time */
            disabledAt: string | null;
            /**
             * @description Why it was disabled: paused by a user, or a delivery failed for the whole retry window.
             * @example null
             */
            disabledReason: string | null;
            enabled: boolean;
            eventTypes: components["schemas"]["WebhookEventType"][];
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The user whose access filters the events.
             */
            ownerId: string;
            /**
             * Format: date-time
             * @description After a rotation: until when deliveries are also signed with the old secret.
             */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @example https://hooks.example.com/tasktrackr */
            url: string;
        };
        /** @description One page of a list; pass `nextCursor` as `cursor` for the next. */
        WebhookSubscriptionPage: {
            items: components["schemas"]["WebhookSubscription"][];
            /**
             * @description Opaque; null on the last page. Valid only with the same sort and filters.
             * @example eyJ2IjoxLCJmIjoiYWJjIiwiayI6W119
             */
            nextCursor: string | null;
        };
    };
    responses: {
        /** @description The body is larger than the server accepts (`payload-too-large`, see `BODY_LIMIT`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit reached (`too-many-requests`); retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not `application/json` (`unsupported-media-type`). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description Requests allowed in the window by the general per-caller limit (per user, else per IP). */
        "X-RateLimit-Limit": number;
        /** @description Requests allowed in the window by the sign-in limit per submitted email (when one is sent). */
        "X-RateLimit-Limit-authEmail": number;
        /** @description Requests allowed in the window by the sign-in limit per IP. */
        "X-RateLimit-Limit-authIp": number;
        /** @description Requests left in the current window by the general per-caller limit (per user, else per IP). */
        "X-RateLimit-Remaining": number;
        /** @description Requests left in the current window by the sign-in limit per submitted email (when one is sent). */
        "X-RateLimit-Remaining-authEmail": number;
        /** @description Requests left in the current window by the sign-in limit per IP. */
        "X-RateLimit-Remaining-authIp": number;
        /** @description Seconds until the window of the general per-caller limit (per user, else per IP) resets. */
        "X-RateLimit-Reset": number;
        /** @description Seconds until the window of the sign-in limit per submitted email (when one is sent) resets. */
        "X-RateLimit-Reset-authEmail": number;
        /** @description Seconds until the window of the sign-in limit per IP resets. */
        "X-RateLimit-Reset-authIp": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditCheckpoints: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditCheckpointPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getLatestAuditCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditCheckpoint"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditConsistencyProof: {
        parameters: {
            query: {
                /** @description Older tree size. */
                from: string;
                /** @description Newer tree size. */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditConsistencyProof"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed, but it cannot be applied. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Action prefix: `task.` matches `task.created`, `task.updated`… */
                action?: string;
                /** @description Exact actor id (user or token id). */
                actorId?: string;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description occurredAt ≥ from (inclusive). */
                from?: string;
                limit?: number;
                outcome?: components["schemas"]["AuditOutcome"];
                targetId?: string;
                targetType?: string;
                /** @description occurredAt < to (exclusive). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditInclusionProof: {
        parameters: {
            query?: {
                /** @description Tree size to prove against (default: the latest checkpoint). */
                treeSize?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditInclusionProof"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed, but it cannot be applied. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    exportAuditEvents: {
        parameters: {
            query: {
                /** @description Action prefix: `task.` matches `task.created`, `task.updated`… */
                action?: string;
                /** @description Exact actor id (user or token id). */
                actorId?: string;
                format: components["schemas"]["AuditExportFormat"];
                /** @description occurredAt ≥ from (inclusive). */
                from?: string;
                outcome?: components["schemas"]["AuditOutcome"];
                targetId?: string;
                targetType?: string;
                /** @description occurredAt < to (exclusive). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file (`Content-Disposition: attachment`). */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createAuditExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAuditExport"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description The export’s status URL (`getAuditExport`). */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditExportAccepted"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditExport"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    downloadAuditExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file; its SHA-256 is `manifest.fileSha256`. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPublicKey"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStats"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listAuditStreams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStreamList"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createAuditStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAuditStream"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The stream (`getAuditStream`). */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStream"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuditStream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStream"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    pauseAuditStream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStream"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    resumeAuditStream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditStream"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: {
                /** @description First seq (default: oldest). */
                fromSeq?: string;
                /** @description Last seq (default: newest). */
                toSeq?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerifyResult"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Jwks"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Login"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Limit-authEmail": components["headers"]["X-RateLimit-Limit-authEmail"];
                    "X-RateLimit-Limit-authIp": components["headers"]["X-RateLimit-Limit-authIp"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Remaining-authEmail": components["headers"]["X-RateLimit-Remaining-authEmail"];
                    "X-RateLimit-Remaining-authIp": components["headers"]["X-RateLimit-Remaining-authIp"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-RateLimit-Reset-authEmail": components["headers"]["X-RateLimit-Reset-authEmail"];
                    "X-RateLimit-Reset-authIp": components["headers"]["X-RateLimit-Reset-authIp"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResult"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out (also when there was no session). */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Limit-authEmail": components["headers"]["X-RateLimit-Limit-authEmail"];
                    "X-RateLimit-Limit-authIp": components["headers"]["X-RateLimit-Limit-authIp"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Remaining-authEmail": components["headers"]["X-RateLimit-Remaining-authEmail"];
                    "X-RateLimit-Remaining-authIp": components["headers"]["X-RateLimit-Remaining-authIp"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-RateLimit-Reset-authEmail": components["headers"]["X-RateLimit-Reset-authEmail"];
                    "X-RateLimit-Reset-authIp": components["headers"]["X-RateLimit-Reset-authIp"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResult"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Register"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Limit-authEmail": components["headers"]["X-RateLimit-Limit-authEmail"];
                    "X-RateLimit-Limit-authIp": components["headers"]["X-RateLimit-Limit-authIp"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Remaining-authEmail": components["headers"]["X-RateLimit-Remaining-authEmail"];
                    "X-RateLimit-Remaining-authIp": components["headers"]["X-RateLimit-Remaining-authIp"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-RateLimit-Reset-authEmail": components["headers"]["X-RateLimit-Reset-authEmail"];
                    "X-RateLimit-Reset-authIp": components["headers"]["X-RateLimit-Reset-authIp"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResult"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"][];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    revokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiToken"][];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiToken"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiToken"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
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
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReport"];
                };
            };
            /** @description Not ready (`not-ready`): `checks` gives the state of each dependency. */
            503: {
                headers: {
                    /** @description Seconds to wait before probing again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["NotReadyProblem"];
                };
            };
        };
    };
    getSystemStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemStatus"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listTasks: {
        parameters: {
            query?: {
                assigneeId?: string;
                /** @description The `nextCursor` of the previous page (same sort and filters). */
                cursor?: string;
                /** @description Due at or after. */
                dueAfter?: string;
                /** @description Due strictly before. */
                dueBefore?: string;
                /** @description Tasks carrying this label. */
                label?: string;
                limit?: number;
                /** @description Past due and not done. */
                overdue?: boolean;
                priority?: components["schemas"]["TaskPriority"][];
                /** @description Full-text search over title and description (web-search syntax: words, "phrases", -not, or). */
                q?: string;
                /** @description `-` for descending. Tasks without a due date sort as if due infinitely late. */
                sort?: components["schemas"]["TaskSort"];
                status?: components["schemas"]["TaskStatus"][];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat with the same key and body (within 24 h) returns the first response, marked `Idempotent-Replayed: true`, without doing the work again. The same key with another body is a 422. Keys are scoped per caller. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTask"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Strong validator `"<id>:<version>"`. */
                    ETag?: string;
                    /** @description `true` when this is the stored response to an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new task’s URL. */
                    Location?: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `idempotency-retry`: the first request with this Idempotency-Key is still in progress; retry shortly. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `idempotency-key-reused`: this Idempotency-Key was used with a different request body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag(s) the client holds. */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Strong validator `"<id>:<version>"`. */
                    ETag?: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The task still has the ETag given in If-None-Match. */
            304: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag the deletion is based on. */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match named a version that is no longer current. */
            412: {
                headers: {
                    /** @description The current ETag. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PreconditionFailedProblem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag the change is based on. */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTask"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Strong validator `"<id>:<version>"`. */
                    ETag?: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match named a version that is no longer current. */
            412: {
                headers: {
                    /** @description The current ETag. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PreconditionFailedProblem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getTaskHistory: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskHistoryPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    restoreTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Strong validator `"<id>:<version>"`. */
                    ETag?: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    bulkUpdateTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkUpdateTasks"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkUpdateTasksResult"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Some ids are not tasks the caller can see (`missingIds`); nothing changed. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["TasksNotFoundProblem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    streamTaskEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream, open until the client leaves or the server shuts down. Each event’s `data:` is a `TaskEvent` as JSON (`#/components/schemas/TaskEvent`, also under `x-event-data`). */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: task.updated
                     *     id: 3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c:2
                     *     data: {"type":"task.updated","id":"3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c","version":2,"occurredAt":"2030-01-15T10:00:00.000Z"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getTaskStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskStats"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Part of the email address (case-insensitive). */
                email?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUser"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The new user’s URL. */
                    Location?: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUser"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMe"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    changeMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePassword"];
            };
        };
        responses: {
            /** @description Changed; other sessions revoked. */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Limit-authEmail": components["headers"]["X-RateLimit-Limit-authEmail"];
                    "X-RateLimit-Limit-authIp": components["headers"]["X-RateLimit-Limit-authIp"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Remaining-authEmail": components["headers"]["X-RateLimit-Remaining-authEmail"];
                    "X-RateLimit-Remaining-authIp": components["headers"]["X-RateLimit-Remaining-authIp"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "X-RateLimit-Reset-authEmail": components["headers"]["X-RateLimit-Reset-authEmail"];
                    "X-RateLimit-Reset-authIp": components["headers"]["X-RateLimit-Reset-authIp"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookSubscription"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookSubscription"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description Authenticated, but not allowed to do this.
             *
             *     Authenticated, but not allowed to do this.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookSubscription"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description Authenticated, but not allowed to do this.
             *
             *     Authenticated, but not allowed to do this.
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description The subscription’s delivery log (`listWebhookDeliveries`), where the queued deliveries appear and their attempts can be followed. */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    replayWebhookEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayWebhookEvents"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    /** @description The subscription’s delivery log (`listWebhookDeliveries`), where the queued deliveries appear and their attempts can be followed. */
                    Location: string;
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplayQueued"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    testWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is malformed or a field is invalid (see `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authenticated, but not allowed to do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or not visible to the caller. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
}
