# syntax=docker/dockerfile:1.7
#
# PgBouncer for TaskTrackr (ops/k8s/pgbouncer.yaml): Debian's package, the same one CI and the
# e2e tests run, as a non-root user with no configuration baked in (the ini file and the user
# list are mounted). SIGTERM = safe shutdown (waits for clients' transactions); SIGINT = fast.
#
#   docker build -f ops/docker/pgbouncer.Dockerfile -t tasktrackr-pgbouncer .
#   docker run -v ./pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini:ro \
#     -v ./userlist.txt:/etc/pgbouncer/auth/userlist.txt:ro -p 6432:6432 tasktrackr-pgbouncer

ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}

RUN apt-get update \
    && apt-get install -y --no-install-recommends pgbouncer ca-certificates dumb-init \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 pgbouncer-app \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin pgbouncer-app

# Numeric, so Kubernetes can verify runAsNonRoot without resolving a name.
USER 10001:10001
EXPOSE 6432
STOPSIGNAL SIGTERM
ENTRYPOINT ["dumb-init", "--", "/usr/sbin/pgbouncer"]
CMD ["/etc/pgbouncer/pgbouncer.ini"]
