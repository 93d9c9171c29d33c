import type { Plugin } from 'esbuild';
export const npmExternal: Plugin;
export function desktopExternals(): string[];
export const cjsImportMeta: { banner: { js: string }; define: Record<string, string> };
