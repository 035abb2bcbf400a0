/** What the canvas draws over the system in flow coordinates: sticky notes and comparison highlights. */
import { CompareOverlay } from '../snapshots/CompareOverlay';
import { NotesLayer } from './NotesLayer';

export function CanvasLayers() {
  return (
    <>
      <CompareOverlay />
      <NotesLayer />
    </>
  );
}
