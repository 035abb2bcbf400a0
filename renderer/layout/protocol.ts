/** Messages between the layout client (UI thread) and the layout worker. Plain data, structured-clone safe. */
import type { DiagramLayout, LayoutMode } from '../../shared/diagram/types';
import type { Model } from '../../shared/model';

export interface LayoutRequest {
  id: number;
  model: Model;
  mode: LayoutMode;
}

export type LayoutResponse = { id: number; layout: DiagramLayout } | { id: number; error: string };
