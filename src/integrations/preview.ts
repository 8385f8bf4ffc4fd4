/**
 * Marks `astro dev` as the editors' preview, by the command that runs and not
 * by NODE_ENV: import.meta.env.DEV is also true in a build started with
 * NODE_ENV=test (as vitest does), which would publish drafts.
 */
import type { AstroIntegration } from 'astro';

/** Defines import.meta.env.JIANBAO_PREVIEW: true under `astro dev`, false for builds. */
export default function previewIntegration(): AstroIntegration {
  return {
    name: 'jianbao:preview',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.JIANBAO_PREVIEW': JSON.stringify(command === 'dev') } } });
      },
    },
  };
}
