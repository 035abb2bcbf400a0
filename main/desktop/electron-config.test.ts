import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.config';

const ROOT = resolve(__dirname, '../..');

describe('electron.config.ts', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const require = createRequire(resolve(ROOT, 'node_modules', 'electron-builder', 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, notAnOption: 1 }, { isEnabled: false, add: () => {} }),
    ).rejects.toThrow();
  });

  it('packages the bundles, unpacks native addons and targets the three platforms', () => {
    expect(config.appId).toBeTruthy();
    expect(config.productName).toBe('Keel');
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/desktop/**/*', 'dist/renderer/**/*', 'resources/templates/**/*']),
    );
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
