/** Plugs the Web Worker layout (renderer/layout) into the canvas's layout actions. */
import { layoutInWorker } from '../../layout/layout-client';
import { setLayoutRunner } from './layout-actions';

setLayoutRunner(layoutInWorker);
