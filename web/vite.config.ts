import { defineConfig } from "vite";

// The backend serves dist/ at "/" with an SPA fallback, so assets use an absolute base.
// `npm run dev` proxies the API to a local `plaza serve --port 8765`.
const backend = process.env.PLAZA_DEV_BACKEND ?? "http://127.0.0.1:8765";

export default defineConfig({
  base: "/",
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    target: "es2022",
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/v1": backend,
      "/dev": backend,
      "/media": backend,
      "/openapi.json": backend,
      "/ws": { target: backend, ws: true },
    },
  },
});
