/** Plugs the Web Worker layout (renderer/layout) into the canvas's layout actions. */
import { layoutInWorker, prewarmLayoutWorker } from '../../layout/layout-client';
import { setLayoutRunner } from './layout-actions';

setLayoutRunner(layoutInWorker);

/**
 * Starts the layout worker while the user looks at an opened model, so that
 * ELK (compiled Java that V8 optimises over its first runs) has warmed up
 * before the first press of Layout, not during it.
 */
export { prewarmLayoutWorker };
