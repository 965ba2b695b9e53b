# One image for every role: API instance (default command), one-shot migration, and screening worker
# (`node dist/apps/api/src/worker.js`, i.e. `npm run worker` without its build check). See docs/deployment.md.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 and argon2 are native modules: a compiler in case no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/rules rules
# the web pages, with the engine bundle npm run build wrote into them
COPY --from=build /app/apps/web/public apps/web/public
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
