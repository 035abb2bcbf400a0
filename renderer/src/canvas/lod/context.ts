import { createContext } from 'react';

/**
 * True while the zoom is under LOD_ZOOM and the LOD canvas draws the nodes:
 * node components then render nothing inside their (hit-box) element. A
 * context, not a store selector per node: crossing the threshold re-renders
 * the nodes once, and a drag frame runs no per-node selector.
 */
export const LowDetail = createContext(false);
