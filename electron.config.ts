/**
 * electron-builder configuration: `npx electron-builder --config electron.config.ts`
 * after `npm run build` (dist/renderer and dist/desktop). Targets: Linux
 * AppImage + deb, macOS dmg, Windows nsis. Fuses harden the packaged binary.
 */
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'dev.keel.studio',
  productName: 'Keel',
  copyright: 'Copyright © Keel contributors',
  directories: { output: 'dist/packages', buildResources: 'resources' },
  // The main process and preload are bundled (scripts/build-desktop.mjs); at run
  // time only better-sqlite3 is loaded from node_modules (production deps are
  // added by electron-builder itself).
  files: [
    'package.json',
    'dist/desktop/**/*',
    'dist/renderer/**/*',
    'resources/templates/**/*',
    'resources/keel.schema.json',
    '!**/*.map',
  ],
  extraMetadata: { main: 'dist/desktop/main.cjs' },
  // The OS hands .keel.yaml files to the app (argv, second instance or macOS
  // open-file); main imports them through the same service as File > Open.
  fileAssociations: [
    { ext: 'keel.yaml', name: 'Keel model', description: 'Keel system model', mimeType: 'application/x-keel+yaml', role: 'Editor' },
  ],
  asar: true,
  // Native addons cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // Rebuild better-sqlite3 for the packaged Electron's ABI.
  npmRebuild: true,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    synopsis: 'Model backend systems, see where they break, export the design package',
  },
  deb: { packageCategory: 'devel' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
};

export default config;
