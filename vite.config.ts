import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Builds the React client into dist/client, which wrangler serves as static
// assets beside the Worker (see wrangler.toml). `npm run dev` proxies /api to
// `wrangler dev` for hot reload.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, target: "es2022" },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:8787" } },
});
