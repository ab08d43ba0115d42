# syntax=docker/dockerfile:1.7
#
# TaskTrackr API + worker: one image, the role is chosen at run time by APP_ROLE
# (api = HTTP, worker = queue consumers, all = both in one process, the schema's default).
#
#   docker build -f ops/docker/api.Dockerfile -t tasktrackr-api .
#   docker run -e APP_ROLE=api    -e DATABASE_URL=... -e REDIS_URL=... -p 3000:3000 tasktrackr-api
#   docker run -e APP_ROLE=worker -e DATABASE_URL=... -e REDIS_URL=... tasktrackr-api
#
# Target `ops` (docker build --target ops -t tasktrackr-ops): the same image plus Debian's
# pg_dump/pg_restore, for the Kubernetes CronJobs (ops/k8s/cronjobs.yaml): the ops scripts are
# compiled into dist/ops with the app, so `node dist/ops/db/backup.js` runs without ts-node.
#
# The build context is the repository root (see /.dockerignore). Every variable the process
# reads is listed in api/src/config/env.schema.ts. Required here: DATABASE_URL, REDIS_URL (the
# embedded Postgres/Redis fallback is a development convenience and is not installed) and, as
# NODE_ENV=production, JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE (no key is generated on disk).
# Migrations run at start under a Postgres advisory lock, so no separate migrate step is needed.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- base: settings shared by every stage ------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# No update notifier in CI logs; no telemetry from install scripts (swagger-ui-dist pulls in
# @scarf/scarf, which package.json "allowScripts" denies, but npm 11 only warns about that).
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    DO_NOT_TRACK=1 \
    SCARF_ANALYTICS=false

# ---- build: full install (Nest CLI, TypeScript), compile to dist/ ------------------------
FROM base AS build
# Manifest, lockfile and .npmrc first: this layer is rebuilt only when dependencies change.
# .npmrc carries engine-strict=true, so npm refuses a Node that does not satisfy "engines"
# (Node 24 does). Install scripts follow package.json "allowScripts".
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY . .
# nest build -> dist/api/src/main.js, dist/migrations/* (migrations are imported, not globbed).
RUN npm run build

# ---- prod-deps: the node_modules the runtime needs, nothing else --------------------------
FROM base AS prod-deps
COPY package.json package-lock.json .npmrc ./
# --omit=dev: no compilers, linters or test tools in the image.
# --omit=optional: drops embedded-postgres (~60 MB of Postgres binaries, only for the dev
#   default when DATABASE_URL is unset) and msgpackr-extract (a native speed-up that msgpackr,
#   used by Bull, replaces with plain JS).
# --ignore-scripts: what remains has one install script, @scarf/scarf (telemetry, denied in
#   "allowScripts"); nothing in the runtime tree needs a script to work.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --omit=optional --ignore-scripts

# ---- app: the runtime image (the `runtime` target below, the default, is exactly this) -----
FROM base AS app

# PID 1: dumb-init, not node. The app handles SIGTERM itself (graceful drain, see
# api/src/bootstrap/graceful-shutdown.ts), but it installs that handler only after Nest has
# booted (connected, migrated). As PID 1 the kernel would ignore a SIGTERM that arrives before
# then, so `docker stop` or a rollout during a slow start would wait for SIGKILL. dumb-init
# forwards signals to node (default action until our handler exists) and reaps zombies.
# npm, npx and corepack are removed: nothing runs them at run time, and their bundled
# dependencies would only add attack surface and scanner noise.
RUN apt-get update \
    && apt-get install -y --no-install-recommends dumb-init \
    && rm -rf /var/lib/apt/lists/* \
    && rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
              /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NODE_OPTIONS=--enable-source-maps

# Code and dependencies stay owned by root, read-only for the app user: the process never
# needs to write its own files (the root filesystem can be mounted read-only).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./

# The `node` user of the official image (uid/gid 1000), numeric so Kubernetes can verify
# runAsNonRoot without resolving a name.
USER 1000:1000

EXPOSE 3000

# Liveness only (no dependency checks): "the process serves HTTP". Readiness (Postgres, Redis,
# migrations) belongs to the orchestrator's readiness probe, not to a restart decision.
# No curl in the slim image, so node's fetch does it. Every role serves the probes (a worker
# serves only those and /metrics); Kubernetes ignores Docker HEALTHCHECK altogether (the
# probes are in ops/k8s).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]

STOPSIGNAL SIGTERM
ENTRYPOINT ["dumb-init", "--"]
CMD ["node", "dist/api/src/main.js"]

# ---- ops: the app plus the PostgreSQL 15 client tools, for backups (ops/k8s/cronjobs.yaml) ---
# bookworm's postgresql-client-15 matches the Postgres the app is tested on; pg_dump must be at
# least the server's major version (for a newer server, install from apt.postgresql.org).
FROM app AS ops
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
USER 1000:1000
# No HTTP server in a job: the inherited health check would only ever fail.
HEALTHCHECK NONE
CMD ["node", "dist/ops/db/backup.js", "--help"]

# ---- runtime: the default target (last stage) ------------------------------------------------
FROM app AS runtime
