// The app starts with no console errors and draws the shipped sample: nested Region > VPC > AZ > subnet boxes
// with their CIDRs, and icons for the gateways and instances.
import { expect, test } from '@playwright/test';
import { AppPage } from './fixtures/app_page';

test('the sample design is drawn legibly, with no console errors', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();

  await expect(app.designName).toHaveValue('Two-AZ web VPC');
  await expect(app.containers('region')).toHaveCount(1);
  await expect(app.containers('region')).toContainText('ap-northeast-2');
  await expect(app.containers('vpc')).toHaveCount(1);
  await expect(app.container('vpc-main')).toContainText('10.0.0.0/16');
  await expect(app.containers('zone')).toHaveCount(2);
  await expect(app.containers('subnet')).toHaveCount(4);
  await expect(app.container('subnet-public-a')).toContainText('10.0.0.0/24 · public');
  await expect(app.container('subnet-private-c')).toContainText('10.0.11.0/24 · private');
  await expect(app.container('subnet-public-a')).toHaveClass(/public/);
  await expect(app.container('subnet-private-a')).toHaveClass(/private/);

  await expect(app.resources('internet')).toHaveCount(1);
  await expect(app.resources('internet_gateway')).toHaveCount(1);
  await expect(app.resources('nat_gateway')).toHaveCount(2);
  await expect(app.resources('instance')).toHaveCount(3);
  await expect(app.resource('i-bastion')).toContainText('203.0.113.20');
  await expect(app.resource('nat-a')).toContainText('203.0.113.10');

  // Every subnet box lies inside its AZ box, and every instance inside its subnet box, as drawn on screen.
  const inside = async (inner: string, outer: string) => {
    const a = await app.page.locator(inner).first().boundingBox();
    const b = await app.page.locator(outer).first().boundingBox();
    expect(a && b).toBeTruthy();
    expect(a!.x).toBeGreaterThanOrEqual(b!.x);
    expect(a!.y).toBeGreaterThanOrEqual(b!.y);
    expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x + b!.width);
    expect(a!.y + a!.height).toBeLessThanOrEqual(b!.y + b!.height);
  };
  await inside('[data-id="subnet-private-a"] rect', '[data-id="vpc-main/ap-northeast-2a"] rect');
  await inside('[data-id="i-web-c"] rect', '[data-id="subnet-private-c"] rect');
  await inside('[data-id="vpc-main"] rect', '[data-id="ap-northeast-2"] rect');

  // Text is large enough to read at the default size.
  const title = await app.container('vpc-main').locator('.box-title').boundingBox();
  expect(title!.height).toBeGreaterThanOrEqual(12);

  await app.screenshot('sample');
  expect(app.errors).toEqual([]);
});

test('a design that fails to load says why instead of drawing half of it', async ({ page }) => {
  await page.route('**/samples/two-az.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"format": "vpcanvas-design", "version": 1, "vpcs": [{"id": "v"}]}' }),
  );
  const app = new AppPage(page);
  await page.goto('/');
  const error = page.getByTestId('load-error');
  await expect(error).toContainText('at $.vpcs[0]');
  await expect(error).toContainText('missing field');
  await expect(app.canvas).toHaveCount(0);
});

test('hostile names are shown as text, never run as markup', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await page.route('**/samples/two-az.json', async (route) => {
    const response = await route.fetch();
    const design = await response.json();
    design.name = hostile;
    design.vpcs[0].name = hostile;
    design.instances[0].name = '"; DROP TABLE vpcs; -- 한국어 이름 🚀';
    await route.fulfill({ response, json: design });
  });
  const app = new AppPage(page);
  await app.open();
  await expect(app.designName).toHaveValue(hostile);
  await expect(app.container('vpc-main').locator('.box-title')).toContainText(hostile);
  await expect(app.resource('i-bastion')).toContainText('"; DROP TABLE vpcs; -- 한국어 이름 🚀');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});
