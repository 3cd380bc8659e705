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
# Slack HTTP mode, alert webhooks, /healthz, /metrics. No HEALTHCHECK: the slim image has no curl, and
# orchestrators can probe GET /healthz themselves.
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
