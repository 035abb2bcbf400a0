/** Interface icons (24x24 strokes), one path each. */
import { ICON_STROKE, ICON_VIEWBOX } from '../../../shared/diagram/icons';

const PATHS = {
  undo: 'M9 14L4 9l5-5 M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5 M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  layout: 'M3 3h7v7H3z M14 3h7v4h-7z M14 11h7v10h-7z M3 14h7v7H3z',
  fit: 'M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5',
  zoomIn: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M20 20l-4-4 M8 11h6 M11 8v6',
  zoomOut: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M20 20l-4-4 M8 11h6',
  export: 'M12 3v12 M7 8l5-5 5 5 M5 15v5h14v-5',
  back: 'M15 18l-6-6 6-6',
  alignLeft: 'M4 3v18 M8 7h10v4H8z M8 14h6v4H8z',
  alignCenter: 'M12 3v18 M6 7h12v4H6z M8.5 14h7v4h-7z',
  alignRight: 'M20 3v18 M6 7h10v4H6z M10 14h6v4h-6z',
  alignTop: 'M3 4h18 M7 8v10h4V8z M14 8v6h4V8z',
  alignMiddle: 'M3 12h18 M7 6h4v12H7z M14 8.5h4v7h-4z',
  alignBottom: 'M3 20h18 M7 6v10h4V6z M14 10v6h4v-6z',
  distH: 'M4 3v18 M20 3v18 M10 8h4v8h-4z',
  distV: 'M3 4h18 M3 20h18 M8 10h8v4H8z',
  place: 'M12 5v14 M5 12h14',
  trash: 'M4 7h16 M10 11v6 M14 11v6 M6 7l1 13h10l1-13 M9 7V4h6v3',
  restore: 'M4 12a8 8 0 1 0 2.3-5.7 M4 4v4h4',
  edit: 'M4 20h4L19 9l-4-4L4 16z',
  upload: 'M12 15V3 M7 8l5-5 5 5 M5 21h14',
  plus: 'M12 5v14 M5 12h14',
  close: 'M6 6l12 12 M18 6L6 18',
  check: 'M5 12l5 5L20 7',
  folder: 'M3 6h6l2 2h10v11H3z',
} as const;

export type IconName = keyof typeof PATHS;

/** A 24x24 stroke icon in the studio's one icon style (the same stroke the SVG export draws kinds with). */
export function StrokeIcon({ path, size = 16 }: { path: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox={ICON_VIEWBOX}
      fill="none"
      stroke="currentColor"
      strokeWidth={ICON_STROKE.width}
      strokeLinecap={ICON_STROKE.linecap}
      strokeLinejoin={ICON_STROKE.linejoin}
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return <StrokeIcon path={PATHS[name]} size={size} />;
}
