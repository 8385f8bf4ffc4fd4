import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: { root: fileURLToPath(new URL('..', import.meta.url)), include: ['tests/**/*.test.ts'], globalSetup: ['/tmp/pb/setup.ts'], testTimeout: 120_000, hookTimeout: 600_000 },
});
