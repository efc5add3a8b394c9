# Kontakt: one image for the app (staff API and web app, portal, Open311, jobs).
# Build:  docker build -t kontakt .
# Run:    see docker-compose.yml (with PostgreSQL) and README "Deploying".
# Linted in CI by deploy/lint-dockerfile.ts (hadolint's main rules; no Docker needed).

# ---- build: dependencies, the web pages (Vite), the server bundle (esbuild, ADR 063), then
# production dependencies only
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web && npm run build:server && npm prune --omit=dev --no-audit --no-fund

# ---- run: the server bundle (checked against the sources at start, ADR 063), migrations, built
# pages; no tests
FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    KONTAKT_DATA_DIR=/var/lib/kontakt \
    KONTAKT_SHUTDOWN_GRACE_SECONDS=20
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/kontakt && chown node:node /var/lib/kontakt
# The image's own unprivileged user (uid 1000); it owns only the data directory.
USER node
VOLUME ["/var/lib/kontakt"]
EXPOSE 3000
# Liveness: the process answers. Orchestrators with a readiness notion should probe
# /api/health/ready (database, migrations, draining) to route traffic.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/kontakt.mjs"]
CMD ["serve"]
