# The canon service: the CLI and HTTP server of canon-ledger, built from this repository.
# `docker compose up` runs it against EventStoreDB (see docker-compose.yml, docs/eventstoredb.md).

FROM node:20-bookworm-slim AS build
# better-sqlite3 normally downloads a prebuilt binary; these build it when none matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY projections ./projections
# `npm ci` runs the `prepare` script, which is the build (tsc -p tsconfig.build.json).
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    CANON_LOAD_BUNDLED=true
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The web page's static files are served from src/http/web (see src/http/routes/web.ts).
COPY src/http/web ./src/http/web
COPY ledgers ./ledgers
COPY data ./data
COPY docker/entrypoint.sh /usr/local/bin/canon-entrypoint
RUN chmod 0755 /usr/local/bin/canon-entrypoint
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["canon-entrypoint"]
