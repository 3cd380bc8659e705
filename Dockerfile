# syntax=docker/dockerfile:1
# calma for deployment: `docker compose up` (see docker-compose.yml), or build alone with
# `docker build -t calma .`. Two stages so the image holds no compiler, dev tools or sources.

# --- build: compile TypeScript to dist/ (dist/src/main.js, dist/handlers/...) ---------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Lockfile first: the dependency layer is reused until package*.json change.
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
RUN npm run build

# --- runtime: production dependencies + compiled code + playbooks ---------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY playbooks ./playbooks
# Files stay owned by root: the non-root `node` user (from the base image) can read the code but not
# change it. calma writes nothing here in Docker (REDIS_URL points at the redis service).
USER node
# The parsed-playbook cache (src/playbook/loader.ts) goes where `node` may write; under /app it could
# not, and every start would parse the whole library again.
ENV CALMA_CACHE_DIR=/tmp/calma-cache
# In a container the network namespace is the boundary: listen on every interface so a published port
# reaches calma (outside a container the console defaults to 127.0.0.1).
ENV CALMA_HOST=0.0.0.0
# Slack HTTP mode, alert webhooks, /healthz, /metrics.
EXPOSE 3000
# GET /healthz with node itself (the slim image has no curl): 200 while Redis answers, even while a chat
# platform reconnects (restarting would not bring it back), 503 when Redis does not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# With no SLACK_BOT_TOKEN or DISCORD_TOKEN and no terminal (stdin is /dev/null), calma runs headless:
# HTTP only, and a log line saying how to add a platform. `docker compose run --rm calma`: the console.
CMD ["node", "dist/src/main.js"]
