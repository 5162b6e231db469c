# syntax=docker/dockerfile:1
# One image for all six application services; docker-compose.yml picks the service with `command:`
# (DESIGN §3 "Stack": `node services/<name>/dist/main.js`). Standalone use:
#
#   docker build -t medicdraft/app:local .
#   docker run --rm -e DATABASE_URL=postgres://… medicdraft/app:local node services/ingest/dist/main.js
#
# Build context is the repository root; .dockerignore keeps host node_modules, dist and local state out.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------- manifests
# Only the lockfile and every workspace's package.json, in their places: the dependency layer below
# is rebuilt when these change, not on every source edit, and new workspaces need no Dockerfile edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete \
 && find . -depth -mindepth 1 -type d -empty -delete

# ---------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
ENV TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app
COPY --from=manifests /src/ ./
# Installs exactly what package-lock.json pins; --no-save leaves the lockfile untouched (never `npm ci`).
RUN npm install --no-save
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-save

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Root-owned and read-only for the service user; only DATA_DIR (/data, a volume in compose) is writable.
COPY --from=build /app ./
RUN mkdir -p /data && chown node:node /data
ENV DATA_DIR=/data
USER node
EXPOSE 3000
CMD ["node", "services/gateway/dist/main.js"]
