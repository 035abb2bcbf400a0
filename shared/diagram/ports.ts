/**
 * The sides of a node that links use, one rule for every drawing Keel makes.
 * Layout is layered left to right: a link leaves its source on the east side
 * and enters its target on the west side, also when the target lies behind
 * the source (the route then runs around). ELK gets these as fixed-side
 * ports (elk-graph.ts), the router for partial layouts follows them
 * (geometry.ts), and the canvas puts its edge ends there, so the studio draws
 * links the way the exported SVG does.
 */
export type Side = 'north' | 'east' | 'south' | 'west';

export const LINK_SIDES: Readonly<{ source: Side; target: Side }> = { source: 'east', target: 'west' };

/** ELK's name of a side (`elk.port.side`). */
export const elkSide = (side: Side): 'NORTH' | 'EAST' | 'SOUTH' | 'WEST' =>
  side.toUpperCase() as 'NORTH' | 'EAST' | 'SOUTH' | 'WEST';
