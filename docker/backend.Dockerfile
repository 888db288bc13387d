# Atrium backend (NestJS API + job workers), built from the repository root:
#   docker build -f docker/backend.Dockerfile -t atrium-backend .
#
# The same image runs every backend role; the environment picks the role:
#   RUN_WORKERS=false  API-only instance (scale these horizontally)
#   RUN_WORKERS=true   also runs Bull job processors and the scheduled tasks
#   node dist/backend/cli.js migrate | seed-demo   one-off commands
#
# The "base" and "build" stages are kept byte-for-byte identical to those in
# docker/frontend.Dockerfile so BuildKit builds the shared layers (npm install,
# sources) once for both images.

ARG NODE_BUILD_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim

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

FROM build AS backend-build
RUN npx nx build backend

# The frontend's pages too: the backend serves index.html with the brand of the host it is asked
# for (Caddy sends page requests here; the static files stay with the frontend image).
FROM build AS frontend-build
RUN npx nx build frontend

# ---------------------------------------------------------------------------
# Production dependencies only, from the same root lockfile (the native
# modules are compiled here, on the same Debian release as the runtime image).
FROM base AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm install --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------
FROM ${NODE_RUNTIME_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (which drains and exits) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the app user); only
# data/ (the SQLite default, unused with MySQL) is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=backend-build /app/dist/backend ./dist/backend
COPY --from=frontend-build /app/dist/frontend/browser ./frontend
ENV FRONTEND_DIR=/app/frontend
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# A larger young generation (32 MB semi-spaces instead of 16): every request allocates a little,
# and fewer, larger scavenges cost the API measurably less CPU per request (bench:api).
CMD ["node", "--max-semi-space-size=32", "dist/backend/main.js"]
