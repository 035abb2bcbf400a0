import { describe, expect, it } from 'vitest';
import { fakeElectron } from './fake-electron.test-helpers';
import { denyAllPermissions, isSafeExternalUrl } from './navigation';

describe('isSafeExternalUrl', () => {
  it('accepts plain http(s) links only', () => {
    expect(isSafeExternalUrl('https://keel.dev/docs?a=1#b')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:3000/')).toBe(true);
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'vscode://file/etc/passwd',
      'https://user:secret@example.com/',
      'https:// example.com',
      'https://example.com/\nx',
      'https://' + 'a'.repeat(3000) + '.com',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('denyAllPermissions', () => {
  it('denies every permission request and check', () => {
    const electron = fakeElectron('/tmp');
    denyAllPermissions(electron.session.defaultSession);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      electron.fake.permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
      expect(electron.fake.permissionCheckHandler!({}, permission)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
  });
});
