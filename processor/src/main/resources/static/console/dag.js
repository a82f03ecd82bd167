// dag.js: lays out a task's step graph and draws it as SVG.
// layout() and the helpers above it are pure (no DOM), so they can be checked on their own;
// render(), update() and setSelected() touch only the <svg> they are given.

export const STEP_STATES = [
  'pending', 'enqueued', 'in_progress', 'waiting_for_retry',
  'complete', 'error', 'cancelled', 'resolved_manually',
];

/** Sizes in SVG user units: one column per rank, steps stacked in it. */
export const GEOMETRY = Object.freeze({
  nodeWidth: 190, nodeHeight: 44, groupHeight: 64, columnGap: 64, rowGap: 20, margin: 20,
});

const SVG_NS = 'http://www.w3.org/2000/svg';
const numbers = new Intl.NumberFormat();
// Plain code-unit order, not localeCompare: the same graph must lay out the same in every browser.
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const round = (v) => Math.round(v * 10) / 10;
const stateRank = (s) => (STEP_STATES.includes(s) ? STEP_STATES.indexOf(s) : STEP_STATES.length);

export function nodeHeight(node, geometry = GEOMETRY) {
  return node.group ? geometry.groupHeight : geometry.nodeHeight;
}

/** Non-zero per-state counts of a group, largest first, ties in the order of STEP_STATES. */
export function orderedCounts(states) {
  return Object.entries(states ?? {})
    .filter(([, n]) => n > 0)
    .sort(([a, m], [b, n]) => n - m || stateRank(a) - stateRank(b) || byName(a, b));
}

/** "9,998 complete · 2 in_progress" */
export function countsText(states) {
  return orderedCounts(states).map(([s, n]) => `${numbers.format(n)} ${s}`).join(' · ');
}

/** A string that changes exactly when nodes or edges are added or removed (states ignored). */
export function graphKey(graph) {
  const nodes = graph.nodes.map((n) => JSON.stringify([n.name, n.kind, !!n.group])).sort();
  const edges = graph.edges.map((e) => JSON.stringify([e.from, e.to])).sort();
  return JSON.stringify([nodes, edges]);
}

/** Parents and children per node; edges to unknown nodes, self-loops and duplicates are dropped. */
function adjacency(nodes, edges) {
  const parents = new Map(nodes.map((n) => [n.name, []]));
  const children = new Map(nodes.map((n) => [n.name, []]));
  const seen = new Set();
  for (const { from, to } of edges) {
    const key = JSON.stringify([from, to]);
    if (from === to || !parents.has(from) || !parents.has(to) || seen.has(key)) continue;
    seen.add(key);
    parents.get(to).push(from);
    children.get(from).push(to);
  }
  return { parents, children };
}

/** Rank = longest path from a root (Kahn's algorithm, roots in name order). */
function ranks({ parents, children }) {
  const rank = new Map();
  const unmet = new Map([...parents].map(([name, ps]) => [name, ps.length]));
  const queue = [...unmet.keys()].filter((name) => unmet.get(name) === 0).sort(byName);
  queue.forEach((name) => rank.set(name, 0));
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i];
    for (const child of children.get(name)) {
      rank.set(child, Math.max(rank.get(child) ?? 0, rank.get(name) + 1));
      unmet.set(child, unmet.get(child) - 1);
      if (unmet.get(child) === 0) queue.push(child);
    }
  }
  // A task graph has no cycles; should one arrive anyway, its steps are still drawn, not lost.
  for (const name of [...parents.keys()].sort(byName)) {
    if (!rank.has(name)) {
      rank.set(name, 1 + Math.max(-1, ...parents.get(name).map((p) => rank.get(p) ?? -1)));
    }
  }
  return rank;
}

function average(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Orders the steps within each rank by the barycenter of their neighbours, ties by name:
 * down (by parents), up (by children, which lets the roots follow what they feed), down again,
 * so the final order is by the parents' average position. Positions are centred per rank
 * because every column is drawn centred.
 */
function orderLayers(names, rank, { parents, children }) {
  const depth = Math.max(-1, ...names.map((n) => rank.get(n))) + 1;
  const layers = Array.from({ length: depth }, () => []);
  [...names].sort(byName).forEach((name) => layers[rank.get(name)].push(name));
  const pos = new Map();
  const place = (layer) => layer.forEach((name, i) => pos.set(name, i - (layer.length - 1) / 2));
  layers.forEach(place);
  const sweep = (order, neighbours) => {
    for (const r of order) {
      const key = new Map(layers[r].map((n) => [
        n, average(neighbours.get(n).map((m) => pos.get(m))) ?? pos.get(n),
      ]));
      layers[r].sort((a, b) => key.get(a) - key.get(b) || byName(a, b));
      place(layers[r]);
    }
  };
  const down = layers.map((_, r) => r).slice(1);
  const up = layers.map((_, r) => r).reverse().slice(1);
  sweep(down, parents);
  sweep(up, children);
  sweep(down, parents);
  return layers;
}

/**
 * Sugiyama's waypoints: an edge that skips ranks gets one virtual node per rank it crosses.
 * A waypoint takes a slot in its column, so the edge runs between steps, not through them.
 * Returns the adjacency and ranks with the waypoints added, and each edge's waypoint names.
 */
function withWaypoints(adj, rank) {
  const parents = new Map([...adj.parents].map(([n, ps]) => [n, [...ps]]));
  const children = new Map([...adj.children].map(([n, cs]) => [n, [...cs]]));
  const ranked = new Map(rank);
  const routes = [];
  for (const [from, tos] of adj.children) {
    for (const to of tos) {
      const via = [];
      for (let r = rank.get(from) + 1; r < rank.get(to); r++) via.push(`\u0000${from}\u0000${to}\u0000${r}`);
      routes.push({ from, to, via });
      if (!via.length) continue;
      const chain = [from, ...via, to];
      via.forEach((v, i) => {
        ranked.set(v, rank.get(from) + 1 + i);
        parents.set(v, [chain[i]]);
        children.set(v, [chain[i + 2]]);
      });
      children.get(from).splice(children.get(from).indexOf(to), 1, via[0]);
      parents.get(to).splice(parents.get(to).indexOf(from), 1, via.at(-1));
    }
  }
  return { adj: { parents, children }, rank: ranked, routes };
}

const curve = (x1, y1, x2, y2) => {
  const bend = Math.max(24, (x2 - x1) / 2);
  return ` C${round(x1 + bend)},${round(y1)} ${round(x2 - bend)},${round(y2)} ${round(x2)},${round(y2)}`;
};

/**
 * Path from the right middle of box a to the left middle of box b: a cubic curve, or, through
 * waypoints (boxes of their own), curves between them and a straight run across each.
 */
export function edgePath(a, b, waypoints = []) {
  let x = a.x + a.width, y = a.y + a.height / 2;
  let d = `M${round(x)},${round(y)}`;
  for (const w of [...waypoints, b]) {
    const wy = w.y + w.height / 2;
    d += curve(x, y, w.x, wy);
    [x, y] = [w.x + w.width, wy];
    if (w !== b) d += ` L${round(x)},${round(y)}`;
  }
  return d;
}

/**
 * Layered left-to-right layout. Pure.
 * Returns {width, height, layers: [[name]], positions: Map(name → {x, y, width, height, rank, order}),
 * edges: [{from, to, d}]} where d is an SVG path; layers and positions hold only the steps.
 */
export function layout(nodes, edges, geometry = GEOMETRY) {
  const g = geometry;
  const direct = adjacency(nodes, edges);
  const { adj, rank, routes } = withWaypoints(direct, ranks(direct));
  const layers = orderLayers([...adj.parents.keys()], rank, adj);
  const heights = new Map(nodes.map((n) => [n.name, nodeHeight(n, g)]));
  const heightOf = (name) => heights.get(name) ?? 0; // waypoints are flat
  const layerHeight = (layer) => layer.reduce((sum, n) => sum + heightOf(n), 0)
    + g.rowGap * Math.max(0, layer.length - 1);
  const tallest = Math.max(0, ...layers.map(layerHeight));
  const boxes = new Map();
  layers.forEach((layer, r) => {
    let y = g.margin + (tallest - layerHeight(layer)) / 2;
    for (const name of layer) {
      const x = g.margin + r * (g.nodeWidth + g.columnGap);
      boxes.set(name, { x, y, width: g.nodeWidth, height: heightOf(name), rank: r });
      y += heightOf(name) + g.rowGap;
    }
  });
  const steps = layers.map((layer) => layer.filter((name) => heights.has(name)));
  const positions = new Map();
  steps.forEach((layer) => layer.forEach((name, order) => positions.set(name, { ...boxes.get(name), order })));
  const routed = routes.map(({ from, to, via }) => ({
    from, to, d: edgePath(boxes.get(from), boxes.get(to), via.map((v) => boxes.get(v))),
  }));
  const columns = layers.length;
  return {
    width: 2 * g.margin + columns * g.nodeWidth + Math.max(0, columns - 1) * g.columnGap,
    height: 2 * g.margin + tallest,
    layers: steps, positions, edges: routed,
  };
}

// ---- drawing ----

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The outline of a step: hexagon for decisions, pill for convergence, a stack for groups. */
function shape(node, w, h) {
  if (node.kind === 'decision') {
    const i = Math.min(14, w / 4);
    const points = `${i},0 ${w - i},0 ${w},${h / 2} ${w - i},${h} ${i},${h} 0,${h / 2}`;
    return [svgEl('polygon', { class: 'shape', points })];
  }
  const rx = node.kind === 'convergence' ? h / 2 : 6;
  const main = svgEl('rect', { class: 'shape', width: w, height: h, rx });
  if (!node.group) return [main];
  // Cards peeking out behind: "many of these".
  const card = (d) => svgEl('rect', { class: 'stack', x: d, y: d, width: w, height: h, rx });
  return [card(6), card(3), main];
}

// svg → Map(step name → {g, width}), so nothing has to query the DOM by (unescaped) name.
const drawn = new WeakMap();

function arrowDefs() {
  const marker = svgEl('marker', {
    id: 'dag-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', { d: 'M0,0 L10,5 L0,10 z' }));
  const defs = svgEl('defs');
  defs.append(marker);
  return defs;
}

/** Draws a graph laid out by layout(); onSelect(name) runs on click or Enter/Space. */
export function render(svg, graph, lay, onSelect) {
  const edgeLayer = svgEl('g', { class: 'edges' });
  for (const e of lay.edges) {
    edgeLayer.append(svgEl('path', {
      class: 'edge', d: e.d, 'data-from': e.from, 'data-to': e.to, 'marker-end': 'url(#dag-arrow)',
    }));
  }
  const steps = new Map();
  const stepLayer = svgEl('g', { class: 'steps' });
  for (const node of graph.nodes) {
    const pos = lay.positions.get(node.name);
    if (!pos || steps.has(node.name)) continue;
    const g = stepElementFor(node, pos, onSelect);
    steps.set(node.name, { g, width: pos.width });
    stepLayer.append(g);
  }
  svg.replaceChildren(arrowDefs(), edgeLayer, stepLayer);
  svg.setAttribute('width', lay.width);
  svg.setAttribute('height', lay.height);
  svg.setAttribute('viewBox', `0 0 ${lay.width} ${lay.height}`);
  drawn.set(svg, steps);
}

function stepElementFor(node, pos, onSelect) {
  const { width: w, height: h } = pos;
  const g = svgEl('g', {
    class: 'step', transform: `translate(${round(pos.x)} ${round(pos.y)})`, tabindex: 0,
    role: 'button', 'aria-pressed': 'false', 'data-step': node.name, 'data-kind': node.kind,
  });
  const top = node.group ? 20 : 19;
  g.append(
    svgEl('title'),
    ...shape(node, w, h),
    svgEl('text', { class: 'label', x: w / 2, y: top, 'text-anchor': 'middle' }),
    svgEl('text', { class: 'sub', x: w / 2, y: top + 15, 'text-anchor': 'middle' }),
  );
  if (node.group) g.append(svgEl('g', { class: 'bar', transform: `translate(10 ${h - 15})` }));
  g.addEventListener('click', () => onSelect?.(node.name));
  g.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect?.(node.name);
  });
  applyNode(g, node, w);
  return g;
}

/** Writes everything that changes while a task runs: state, attempts, group counts. */
function applyNode(g, node, width) {
  const counts = countsText(node.states);
  const count = ` ×${numbers.format(node.count ?? 0)}`;
  const label = node.group ? `${node.name}${count}` : node.name;
  // A long name gives way, never the group's count.
  const shown = node.group ? `${truncate(node.name, Math.max(6, 24 - count.length))}${count}` : truncate(label, 24);
  const attempts = node.attempts > 0 ? ` · ${node.attempts}/${node.max_attempts ?? '?'}` : '';
  const sub = node.group ? counts : `${node.kind}${attempts}`;
  g.setAttribute('data-state', node.state);
  if (node.group) {
    g.setAttribute('data-group', 'true');
    g.setAttribute('data-count', String(node.count ?? 0));
  }
  g.setAttribute('aria-label', `${label}, ${node.state}${node.group ? `: ${counts}` : ''}`);
  g.querySelector('title').textContent = `${label}\n${node.kind} · ${node.state}${node.group ? `\n${counts}` : attempts}`;
  g.querySelector('.label').textContent = shown;
  g.querySelector('.sub').textContent = truncate(sub, 34);
  if (node.group) drawBar(g.querySelector('.bar'), node.states, width - 20);
}

/** A stacked bar of per-state worker counts; every non-zero state stays at least 2 units wide. */
function drawBar(bar, states, width) {
  // Segments in a fixed state order, so colours do not swap places as counts change.
  const counts = orderedCounts(states).sort(([a], [b]) => stateRank(a) - stateRank(b));
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const widths = counts.map(([, n]) => Math.max(2, (n / (total || 1)) * width));
  const excess = widths.reduce((a, b) => a + b, 0) - width;
  if (excess > 0 && widths.length) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest] -= excess;
  }
  const parts = [svgEl('rect', { class: 'track', width, height: 6, rx: 2 })];
  let x = 0;
  counts.forEach(([state, n], i) => {
    const seg = svgEl('rect', { x: round(x), width: round(widths[i]), height: 6, 'data-swatch': state });
    seg.append(svgEl('title'));
    seg.firstChild.textContent = `${numbers.format(n)} ${state}`;
    parts.push(seg);
    x += widths[i];
  });
  bar.replaceChildren(...parts);
}

/**
 * Updates the drawn steps in place (no re-layout). Returns false when the drawing does not
 * hold exactly these steps, so the caller lays out and renders again.
 */
export function update(svg, graph) {
  const steps = drawn.get(svg);
  if (!steps || steps.size !== graph.nodes.length) return false;
  if (!graph.nodes.every((n) => steps.has(n.name))) return false;
  for (const node of graph.nodes) {
    const { g, width } = steps.get(node.name);
    applyNode(g, node, width);
  }
  return true;
}

/** Marks one step (or none) as selected. */
export function setSelected(svg, name) {
  for (const [step, { g }] of drawn.get(svg) ?? []) {
    g.classList.toggle('selected', step === name);
    g.setAttribute('aria-pressed', String(step === name));
  }
}

/** The drawn <g> of a step, if any (no selector escaping needed). */
export function stepElement(svg, name) {
  return drawn.get(svg)?.get(name)?.g ?? null;
}

/** The colour and shape legend shown under the graph. */
export function legend(doc = document) {
  const box = doc.createElement('div');
  box.className = 'legend';
  const item = (mark, text) => {
    const span = doc.createElement('span');
    span.className = 'legend-item';
    span.append(mark, text);
    return span;
  };
  for (const state of STEP_STATES) {
    const swatch = doc.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('data-swatch', state);
    box.append(item(swatch, state));
  }
  const kinds = [[{ kind: 'decision' }, 'decision'], [{ kind: 'convergence' }, 'convergence'],
    [{ kind: 'batch_worker', group: true }, 'batch-worker group']];
  for (const [node, text] of kinds) {
    const icon = svgEl('svg', { width: 40, height: 26, viewBox: '-2 -2 40 26', 'aria-hidden': 'true' });
    icon.append(...shape(node, 30, 16));
    box.append(item(icon, text));
  }
  return box;
}
