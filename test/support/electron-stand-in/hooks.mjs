// Module resolution hooks for the Electron stand-in (see register.mjs).
const here = new URL('.', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('electron.mjs', here).href, shortCircuit: true };
  // The guard itself loads the real package through require(), which these hooks do not see.
  if (specifier === 'better-sqlite3') return { url: new URL('better-sqlite3-abi-guard.mjs', here).href, shortCircuit: true };
  return next(specifier, context);
}
