import { describe, expect, it } from 'vitest';
import { MENU_CHANNEL, MENU_COMMANDS } from '../../shared/api/names';
import type { MenuItemOptions } from './electron-types';
import { FakeWebContents, findMenuItem } from './fake-electron.test-helpers';
import { buildMenuTemplate } from './menu';

const EXPECTED: [string, string, string][] = [
  ['File', 'New Model', 'new'],
  ['File', 'New from Template…', 'new-from-template'],
  ['File', 'Open…', 'open'],
  ['File', 'Import Model File…', 'import'],
  ['File', 'Export Design Package…', 'export'],
  ['File', 'Snapshots…', 'snapshot'],
  ['Edit', 'Undo', 'undo'],
  ['Edit', 'Redo', 'redo'],
  ['Edit', 'Cut', 'cut'],
  ['Edit', 'Copy', 'copy'],
  ['Edit', 'Paste', 'paste'],
  ['Edit', 'Select All', 'select-all'],
  ['View', 'Zoom In', 'zoom-in'],
  ['View', 'Zoom Out', 'zoom-out'],
  ['View', 'Fit to Window', 'fit'],
  ['View', 'Auto Layout', 'layout'],
];

function menus(template: MenuItemOptions[]) {
  return Object.fromEntries(template.filter((m) => m.label).map((m) => [m.label!.replace('&', ''), m.submenu ?? []]));
}

describe('application menu', () => {
  it('puts each command in its menu and sends it to the renderer on click', () => {
    const contents = new FakeWebContents();
    const template = buildMenuTemplate({ contents: () => contents }, 'linux');
    const byMenu = menus(template);
    for (const [menu, label, command] of EXPECTED) {
      const item = findMenuItem(byMenu[menu]!, label);
      expect(item, `${menu} > ${label}`).toBeDefined();
      expect(item!.accelerator).toBeTruthy();
      contents.sent = [];
      item!.click!();
      expect(contents.sent, label).toEqual([[MENU_CHANNEL, command]]);
    }
    expect(new Set(EXPECTED.map((e) => e[2]))).toEqual(new Set(MENU_COMMANDS));
  });

  it('runs the native edit action for cut, copy, paste and select all', () => {
    const contents = new FakeWebContents();
    const template = buildMenuTemplate({ contents: () => contents }, 'linux');
    for (const label of ['Cut', 'Copy', 'Paste', 'Select All', 'Undo']) findMenuItem(template, label)!.click!();
    expect(contents.edits).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('does nothing without a window, and has an app menu on macOS', () => {
    const template = buildMenuTemplate({ contents: () => undefined }, 'darwin');
    expect(() => findMenuItem(template, 'Undo')!.click!()).not.toThrow();
    expect(template[0]!.label).toBe('Keel');
    expect(findMenuItem(buildMenuTemplate({ contents: () => undefined }, 'linux'), 'E&xit')).toBeDefined();
  });

  it('runs the commands main carries out itself instead of sending them', () => {
    const contents = new FakeWebContents();
    const ran: string[] = [];
    const template = buildMenuTemplate({ contents: () => contents }, 'linux', {
      new: () => ran.push('new'),
      open: () => ran.push('open'),
      import: () => ran.push('import'),
    });
    for (const label of ['New Model', 'Open…', 'Import Model File…', 'Snapshots…'])
      findMenuItem(template, label)!.click!();
    expect(ran).toEqual(['new', 'open', 'import']);
    expect(contents.sent).toEqual([[MENU_CHANNEL, 'snapshot']]);
  });
});
