# Atrium web frontend: the Angular build served by nginx, which also proxies
# /api/ to the backend. Built from the repository root:
#   docker build -f docker/frontend.Dockerfile -t atrium-frontend .
#
# Runtime settings (environment variables, read when the container starts):
#   ATRIUM_BACKEND_UPSTREAM  host:port of the backend API   (default backend:3000)
#   ATRIUM_MAX_UPLOAD_SIZE   largest request body accepted  (default 1100m)
#   ATRIUM_TRUSTED_PROXY     address/CIDR of a proxy in front of nginx whose
#                            X-Forwarded-For is trusted (default 127.0.0.1: none)
# The DNS resolver nginx uses for the upstream is taken from /etc/resolv.conf.
#
# The "base" and "build" stages are kept byte-for-byte identical to those in
# docker/backend.Dockerfile so BuildKit builds the shared layers once.

ARG NODE_BUILD_IMAGE=node:20-bookworm
ARG NGINX_IMAGE=nginx:1.27-alpine

# ---------------------------------------------------------------------------
FROM ${NODE_BUILD_IMAGE} AS base
ENV SCARF_ANALYTICS=false \
    NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NG_CLI_ANALYTICS=false \
    npm_config_update_notifier=false
# Toolchain for the native modules (better-sqlite3, argon2) when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./

# ---------------------------------------------------------------------------
# Full install (dev dependencies included) and the Nx builds. NODE_ENV is
# deliberately not "production" here, or npm would skip the build tooling.
# `npm install`, not `npm ci`: see the deployment notes (it honours the lockfile).
FROM base AS build
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund
COPY . .

FROM build AS frontend-build
RUN npx nx build frontend

# ---------------------------------------------------------------------------
FROM ${NGINX_IMAGE} AS runtime
# Runs as the image's unprivileged "nginx" user (uid 101) on port 8080: the pid
# file and temp paths live in /tmp (see nginx.conf), and the entrypoint renders
# /etc/nginx/templates/*.template into conf.d at start, so conf.d must be
# writable by that user. The filter keeps envsubst away from nginx's own $vars.
ENV ATRIUM_BACKEND_UPSTREAM=backend:3000 \
    ATRIUM_MAX_UPLOAD_SIZE=1100m \
    ATRIUM_TRUSTED_PROXY=127.0.0.1 \
    NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1 \
    NGINX_ENVSUBST_FILTER="^(ATRIUM_|NGINX_LOCAL_RESOLVERS)"
RUN rm -f /etc/nginx/conf.d/default.conf \
 && rm -rf /usr/share/nginx/html/* \
 && chown nginx:nginx /etc/nginx/conf.d \
 && chown -R nginx:nginx /var/cache/nginx
COPY docker/nginx/nginx.conf /etc/nginx/nginx.conf
COPY docker/nginx/security-headers.conf /etc/nginx/snippets/security-headers.conf
COPY docker/nginx/default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=frontend-build /app/dist/frontend/browser /usr/share/nginx/html
USER nginx
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
