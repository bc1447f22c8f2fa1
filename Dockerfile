# The Vaka server with the built console, for docker-compose.yml.
FROM node:20-bookworm-slim
RUN npm install -g pnpm@12
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
EXPOSE 8080
USER node
CMD ["pnpm", "serve"]
