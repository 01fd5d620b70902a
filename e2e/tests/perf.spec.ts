// Benchmark, not a pass/fail timing: opens a generated 5,000-resource design, and records how long the first render
// takes and what each frame of dragging one instance costs, then writes the figures to perf-results/. The only
// assertions are about behaviour (everything drawn, the drag commits one step).
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './fixtures/app_page';
import { synthDesign } from './fixtures/synth';

const RESOURCES = 5000;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};

test('5,000 resources: first render and the cost of each drag frame', async ({ page }) => {
  test.setTimeout(120_000);
  const body = synthDesign(RESOURCES, 'test-results/large.json');
  const design = JSON.parse(body);
  const instances: number = design.instances.length;
  await page.route('**/large.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  const app = new AppPage(page);
  await page.goto('/?design=large.json');
  // Only what is in view is drawn: wait for the first instances.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="resource"][data-kind="instance"]').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  const firstRender = await page.evaluate(() => performance.now());
  const shapes = await page.locator('[data-testid="container"], [data-testid="resource"]').count();
  await app.screenshot('editor-5000');

  // Drag one instance by synthetic pointer events, timing each move from dispatch to the DOM and layout being
  // up to date (paint excluded: the compositor does it off the main thread).
  const id: string = design.instances[0].id;
  const { frames, end } = await page.evaluate(async (id) => {
    const el = document.querySelector(`[data-testid="resource"][data-id="${id}"]`)!;
    const r = el.getBoundingClientRect();
    const x0 = r.x + r.width / 2;
    const y0 = r.y + r.height / 2;
    const settle = () =>
      new Promise<void>((resolve) => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve();
        c.port2.postMessage(0);
      });
    const opts = (x: number, y: number) => ({ bubbles: true, clientX: x, clientY: y, button: 0, pointerId: 1, isPrimary: true });
    el.dispatchEvent(new PointerEvent('pointerdown', opts(x0, y0)));
    await settle();
    const times: number[] = [];
    // Small steps, staying inside the instance's subnet.
    for (let i = 1; i <= 120; i++) {
      const t0 = performance.now();
      window.dispatchEvent(new PointerEvent('pointermove', opts(x0 + (i % 20), y0 + (i % 10))));
      await settle();
      document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
      times.push(performance.now() - t0);
    }
    return { frames: times, end: { x: x0 + 10, y: y0 + 5 } };
  }, id);
  // Dropping it commits one undo step (and re-renders only what changed).
  const drop: number = await page.evaluate(async (end) => {
    const t0 = performance.now();
    window.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: end.x, clientY: end.y, button: 0 }));
    window.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: end.x, clientY: end.y, button: 0 }));
    await new Promise((r) => setTimeout(r, 0));
    document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    return performance.now() - t0;
  }, end);
  await expect(page.getByTestId('undo')).toBeEnabled();

  // Panning with the wheel: shapes that come into view are drawn, those that leave are dropped.
  const pan: number[] = await page.evaluate(async () => {
    const canvas = document.querySelector('[data-testid="canvas"]')!;
    const r = canvas.getBoundingClientRect();
    const settle = () =>
      new Promise<void>((resolve) => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve();
        c.port2.postMessage(0);
      });
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaX: 40, deltaY: 25, clientX: r.x + 300, clientY: r.y + 300 }));
      await settle();
      canvas.getBoundingClientRect();
      times.push(performance.now() - t0);
    }
    return times;
  });

  // Validation plus intent checks run again after every edit, in the page: read what each took (the problems
  // panel shows the figure of the last run) over a series of nudges.
  await page.getByTestId('tab-problems').click();
  const time = page.getByTestId('analysis-time');
  const analysis: number[] = [Number(await time.getAttribute('data-ms'))];
  await app.pick(id);
  // Arrow keys in the outline walk the tree; on the canvas they nudge.
  await app.canvas.focus();
  for (let i = 0; i < 10; i++) {
    const sel = page.locator(`[data-testid="selection"][data-id="${id}"]`);
    const before = await sel.getAttribute('x');
    await page.keyboard.press('ArrowRight');
    await expect(sel).not.toHaveAttribute('x', before ?? '');
    analysis.push(Number(await time.getAttribute('data-ms')));
  }
  const findings = await page.getByTestId('problem').count();

  const result = {
    resources: design ? RESOURCES : 0,
    instances,
    shapesDrawn: shapes,
    firstRenderMs: Math.round(firstRender),
    dragFrameMs: stats(frames),
    dropMs: Math.round(drop),
    panFrameMs: stats(pan),
    analysisMs: stats(analysis),
    findings,
    when: new Date().toISOString(),
  };
  mkdirSync('perf-results', { recursive: true });
  writeFileSync('perf-results/editor-5000.json', JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
  // Culled: far fewer shapes in the page than the design has.
  expect(shapes).toBeGreaterThan(10);
  expect(shapes).toBeLessThan(instances);
  expect(app.errors).toEqual([]);
});
