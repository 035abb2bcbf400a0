import { memo } from 'react';
import type { NodeKind } from '../../../shared/model/schema';
import { StrokeIcon } from '../app/icons';
import { KIND_LOOK } from './kinds';

export const KindIcon = memo(function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return <StrokeIcon path={KIND_LOOK[kind].icon} size={size} />;
});
