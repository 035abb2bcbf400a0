import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../shared/model/types';
import { MiniDiagram } from './MiniDiagram';

const model: Model = {
  keel: 1,
  name: 'Shop',
  contexts: { ordering: { name: '<script>alert(1)</script>', color: '#3b82f6' } },
  nodes: {
    web: { kind: 'service', name: 'Web & "co"' },
    orders: { kind: 'service', context: 'ordering' },
    db: { kind: 'database', context: 'ordering' },
  },
  links: [
    { from: 'web', to: 'orders' },
    { from: 'orders', to: 'db' },
    { from: 'db', to: 'web' },
  ],
};
const layout = {
  nodes: {
    web: { x: 24, y: 100, width: 196, height: 64 },
    orders: { x: 340, y: 100, width: 196, height: 64 },
    db: { x: 632, y: 100, width: 196, height: 64 },
  },
  contexts: { ordering: { x: 320, y: 52, width: 528, height: 132 } },
  width: 872,
  height: 208,
};

describe('MiniDiagram', () => {
  const svg = renderToStaticMarkup(<MiniDiagram model={model} layout={layout} title="Diagram of <Shop>" />);

  it('draws every node tinted by kind, every context as a frame and every link', () => {
    expect(svg.match(/class="mini-node"/g)).toHaveLength(3);
    expect(svg.match(/class="mini-context"/g)).toHaveLength(1);
    expect(svg.match(/class="mini-link"/g)).toHaveLength(3);
    expect(svg).toContain('color:#3b82f6');
    // Links leave east and enter west: web's route starts at its right side, ends at orders' left side.
    expect(svg).toContain('d="M220 132H280V132H340"');
    // A link back (db -> web) runs around below.
    expect(svg).toMatch(/d="M828 132h16V\d+H8V132H24"/);
  });

  it('escapes every text from the model', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Web &amp; &quot;co&quot; · Service');
    expect(svg).toContain('Diagram of &lt;Shop&gt;');
  });
});
