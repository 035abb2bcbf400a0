import { memo } from 'react';
import type { NodeKind } from '../../../shared/model/schema';
import { KIND_LOOK } from './kinds';

export const KindIcon = memo(function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={KIND_LOOK[kind].icon} />
    </svg>
  );
});
