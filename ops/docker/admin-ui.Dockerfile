# syntax=docker/dockerfile:1.7
#
# TaskTrackr admin UI: the Angular build served by nginx, which also proxies /api/ to the API.
# The build is `npm run build:ui` (ng build, then Brotli/gzip siblings of every text asset) into
# admin-ui/dist/browser; nginx serves it with the rules the API process applies to the same
# build (see ops/docker/nginx.conf), its Content-Security-Policy generated from index.html.
#
#   docker build -f ops/docker/admin-ui.Dockerfile -t tasktrackr-admin-ui .
#   docker run -p 8080:8080 -e API_UPSTREAM=http://host.docker.internal:3000 tasktrackr-admin-ui
#
# Runtime settings (environment):
#   API_UPSTREAM  where /api/ goes, scheme://host:port, no path. The name is resolved per
#                 request through the container's DNS resolver, which does not apply search
#                 domains: in Kubernetes give the FQDN (tasktrackr-api.<ns>.svc.cluster.local).

ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginx:stable-alpine

# ---- build: the Angular app --------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    DO_NOT_TRACK=1 \
    SCARF_ANALYTICS=false \
    NG_CLI_ANALYTICS=false
# Same root lockfile as the API (one package.json). Optional dependencies stay: the Angular
# build tool chain (esbuild, rollup) ships its platform binaries as optional packages.
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY . .
# The policy is computed from the built index.html (hashes of any inline script), exactly as the
# API process computes it at start.
RUN npm run build:ui \
    && npx ts-node -P tsconfig.json --transpile-only ops/ui/write-nginx-csp.ts \
       admin-ui/dist/browser admin-ui/dist/nginx-csp.conf

# ---- runtime: unprivileged nginx ---------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime

# ops/docker/nginx.conf is a full main config written as a template: the image's entrypoint
# renders it with envsubst into /tmp/nginx.conf at start. /tmp is the only writable path
# (tmpfs in compose, emptyDir in Kubernetes), so the root filesystem can be read-only.
#  - NGINX_ENVSUBST_FILTER: substitute only our variables, never nginx's own $vars (and
#    never a stray environment variable that happens to share a name with one).
#  - NGINX_ENTRYPOINT_LOCAL_RESOLVERS: have the entrypoint export NGINX_LOCAL_RESOLVERS from
#    /etc/resolv.conf (Docker's 127.0.0.11, or kube-dns), used by `resolver` in the config.
# The stock server block is removed: it listens on :80, which a non-root user cannot bind.
RUN rm -f /etc/nginx/conf.d/default.conf
COPY ops/docker/nginx.conf /etc/nginx/templates/nginx.conf.template
# Included as they are (not templates): the SPA's response headers and its CSP.
COPY ops/docker/nginx-spa-headers.conf /etc/nginx/tasktrackr/spa-headers.conf
COPY --from=build /app/admin-ui/dist/nginx-csp.conf /etc/nginx/tasktrackr/csp.conf
COPY --from=build /app/admin-ui/dist/browser /usr/share/nginx/html

ENV API_UPSTREAM=http://api:3000 \
    NGINX_ENVSUBST_OUTPUT_DIR=/tmp \
    NGINX_ENVSUBST_FILTER=API_UPSTREAM|NGINX_LOCAL_RESOLVERS \
    NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1

# The `nginx` user of the official image (uid/gid 101), numeric for runAsNonRoot.
USER 101:101

EXPOSE 8080

# busybox wget is in the alpine image; /healthz is answered by nginx itself.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]

# The entrypoint (/docker-entrypoint.sh, inherited) renders the template, then execs this.
CMD ["nginx", "-c", "/tmp/nginx.conf", "-g", "daemon off;"]
