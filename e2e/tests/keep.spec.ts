// Keeping and sharing designs: autosave, share links, files, and what happens when they go wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import { AppPage } from './fixtures/app_page';
import { synthDesign } from './fixtures/synth';

test('reloading mid-edit keeps every edit', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/?new');
  const canvas = (await app.canvas.boundingBox())!;
  await app.dropFromPalette('region', canvas.x + 60, canvas.y + 60);
  await page.getByTestId('zoom-fit').click();
  await app.dropInto('vpc', 'us-east-1', 0.05, 0.1);
  await app.designName.fill('Kept across reloads');
  await app.designName.press('Enter');
  // The address now names the saved design, so a reload (or a crashed tab reopened) comes back to it.
  await expect(page).toHaveURL(/\?id=/);
  await page.reload();
  await expect(app.designName).toHaveValue('Kept across reloads');
  await expect(app.containers('vpc')).toHaveCount(1);
  await expect(app.containers('region')).toHaveCount(1);
  // Opening the app again (no address) reopens the last design.
  await page.goto('/');
  await expect(app.designName).toHaveValue('Kept across reloads');
  expect(app.errors).toEqual([]);
});

test('a share link opened in a fresh browser shows the same design, read-only, with "edit a copy"', async ({ page, browser }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.designName.fill('Shared two-AZ');
  await app.designName.press('Enter');
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('design-share').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#d2\.[A-Za-z0-9_-]+$/);
  const chars = Number(await page.getByTestId('share-length').getAttribute('data-chars'));
  expect(chars).toBe(link.length);
  console.log(`share link of the sample: ${chars} characters`);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const them = new AppPage(other);
  await other.goto(link);
  await expect(them.canvas).toBeVisible();
  await expect(other.getByTestId('shared-banner')).toBeVisible();
  await expect(them.designName).toHaveValue('Shared two-AZ');
  await expect(them.containers('subnet')).toHaveCount(4);
  await expect(them.resources('instance')).toHaveCount(3);
  // Read-only: an edit is refused with the way out.
  await them.pick('i-web-a');
  await other.keyboard.press('Delete');
  await expect(them.notice).toContainText('read-only');
  await expect(them.resources('instance')).toHaveCount(3);
  // Edit a copy: now it is theirs, saved in their browser.
  await other.getByTestId('edit-copy').click();
  await expect(other.getByTestId('shared-banner')).toHaveCount(0);
  await expect(other).toHaveURL(/\?id=/);
  await them.pick('i-web-a');
  await other.keyboard.press('Delete');
  await expect(them.resources('instance')).toHaveCount(2);
  await other.reload();
  await expect(them.resources('instance')).toHaveCount(2);
  expect(them.errors).toEqual([]);
  await fresh.close();
});

test('a full storage is reported at once, with a way out', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const app = new AppPage(page);
  await app.open('/');
  await expect(page.getByTestId('save-error')).toBeVisible();
  await expect(app.notice).toContainText('Not saved in this browser');
  // The way out: the design as a file.
  const download = page.waitForEvent('download');
  await page.getByTestId('save-error-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Two-AZ-web-VPC.vpcanvas.json');
});

test('a corrupted or oversized link shows a message and leaves the saved designs alone', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.designName.fill('Mine');
  await app.designName.press('Enter');
  await page.goto('/#d1.abc$def');
  await expect(page.getByTestId('load-error')).toContainText('damaged');
  await expect(page.getByTestId('load-error')).toContainText('1 saved design(s) are untouched');
  // A link that inflates past the size limit (a "zip bomb") is stopped, not decoded to the end.
  const bomb = deflateRawSync(Buffer.alloc(80 * 1024 * 1024, 32), { level: 9 }).toString('base64url');
  await page.goto(`/#d1.${bomb}`);
  await expect(page.getByTestId('load-error')).toContainText('too large for a design');
  await page.goto('/#x9.whatever');
  await expect(page.getByTestId('load-error')).toContainText('does not carry a vpcanvas design');
  await page.goto('/');
  await expect(app.designName).toHaveValue('Mine');
});

test('files: save as JSON, open it again, open AWS describe-* output, and a bad file is refused with the place', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('designs-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('design-export').click();
  const saved = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(saved).format).toBe('vpcanvas-design');
  // A damaged file: refused with its path and line, and the open design stays.
  const broken = saved.replace('"10.0.0.0/16"', '"10.0.0.0/33"');
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(app.notice).toContainText('broken.json');
  await expect(app.notice).toContainText('$.vpcs[0].cidr');
  await expect(app.designName).toHaveValue('Two-AZ web VPC');
  // The saved file opens as a new design.
  const before = page.url();
  await page.getByTestId('file-input').setInputFiles({ name: 'mine.vpcanvas.json', mimeType: 'application/json', buffer: Buffer.from(saved.replace('Two-AZ web VPC', 'Reopened')) });
  await expect(app.designName).toHaveValue('Reopened');
  expect(page.url()).not.toBe(before);
  // A set of describe-* files is imported the way the CLI does it.
  const dir = '../../shared/aws-conformance/nat-gateway/aws_configs';
  const files = readdirSync(dir).map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(`${dir}/${name}`) }));
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(app.containers('vpc')).toHaveCount(1);
  await expect(app.resources('nat_gateway')).toHaveCount(1);
  // Every design is listed, and one can be deleted and brought back.
  await page.getByTestId('designs-menu').click();
  await expect(page.getByTestId('saved-design')).toHaveCount(3);
  await page.getByTestId('saved-delete').first().click();
  await expect(page.getByTestId('saved-design')).toHaveCount(2);
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('saved-design')).toHaveCount(3);
  expect(app.errors).toEqual([]);
});

test('hostile names render as text in the panels and the designs list, and run nothing', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const app = new AppPage(page);
  await app.open('/');
  const hostile = '<img src=x onerror=alert(1)>';
  await app.designName.fill(hostile);
  await app.designName.press('Enter');
  await app.pick('i-web-a');
  await page.getByTestId('field-name').fill(hostile);
  await page.getByTestId('field-name').press('Enter');
  await page.getByTestId('designs-menu').click();
  await expect(page.getByTestId('saved-design').first()).toContainText(hostile);
  await page.getByTestId('tab-traffic').click();
  await expect(page.getByTestId('traffic-from')).toContainText(hostile);
  await expect(app.resource('i-web-a')).toContainText(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
  expect(app.errors).toEqual([]);
});

test('pictures: SVG and PNG (2x) of the whole design or the selection, with a legend, names kept as text', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.pick('i-web-a');
  await page.getByTestId('field-name').fill('<b>web</b> & "a"');
  await page.getByTestId('field-name').press('Enter');
  await page.getByTestId('designs-menu').click();
  // SVG of everything, with the legend: every shape is there, not only those in view.
  let download = page.waitForEvent('download');
  await page.getByTestId('picture-svg').click();
  let file = await download;
  expect(file.suggestedFilename()).toBe('Two-AZ-web-VPC.svg');
  const svg = readFileSync(await file.path(), 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect((svg.match(/<g[^>]*data-testid="container"/g) ?? []).length).toBe(8);
  expect((svg.match(/<g[^>]*data-testid="resource"/g) ?? []).length).toBe(7);
  expect(svg).toContain('&lt;b&gt;web&lt;/b&gt; &amp; "a"');
  expect(svg).not.toContain('<b>web</b>');
  expect(svg).toContain('Legend');
  // It is well-formed XML, as a browser reads it.
  const parsed = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null, svg);
  expect(parsed).toBe(true);
  // Only the selection: a smaller picture.
  const whole = svg.match(/viewBox="([^"]+)"/)![1].split(' ').map(Number);
  await page.keyboard.press('Escape');
  await app.pick('subnet-private-c');
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('picture-selection').check();
  await page.getByTestId('picture-legend').uncheck();
  download = page.waitForEvent('download');
  await page.getByTestId('picture-svg').click();
  const part = readFileSync(await (await download).path(), 'utf8');
  const box = part.match(/viewBox="([^"]+)"/)![1].split(' ').map(Number);
  expect(box[2]).toBeLessThan(whole[2] / 2);
  expect(part).not.toContain('Legend');
  // PNG at twice the size.
  download = page.waitForEvent('download');
  await page.getByTestId('picture-png').click();
  file = await download;
  expect(file.suggestedFilename()).toBe('Two-AZ-web-VPC.png');
  const png = readFileSync(await file.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(Math.round(box[2] * 2));
  expect(png.readUInt32BE(20)).toBe(Math.round(box[3] * 2));
  expect(app.errors).toEqual([]);
});

test('every template opens, is valid with its checks passing, and its share link length is recorded', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('designs-menu').click();
  const keys = await page.getByTestId('template').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
  expect(keys.length).toBe(8);
  const lengths: Record<string, { resources: number; chars: number }> = {};
  const openMenu = async () => {
    if (!(await page.getByTestId('designs-panel').isVisible())) await page.getByTestId('designs-menu').click();
  };
  for (const key of keys) {
    await openMenu();
    await page.locator(`[data-testid="template"][data-key="${key}"]`).click();
    await expect(page).toHaveURL(/\?id=/);
    await expect(app.canvas.locator('[data-testid="container"]').first()).toBeVisible();
    // No errors, and every intent check passes.
    await expect(page.getByTestId('tab-checks')).toHaveText(/Checks (\d+)\/\1$/);
    await app.screenshot(`template-${key}`);
    await page.getByTestId('tab-problems').click();
    await expect(page.getByTestId('problem-group').filter({ hasText: 'Errors' })).toHaveCount(0);
    await page.getByTestId('tab-inspector').click();
    await openMenu();
    await page.getByTestId('design-share').click();
    const chars = Number(await page.getByTestId('share-length').getAttribute('data-chars'));
    const resources = await page.evaluate(() => {
      const d = JSON.parse(localStorage.getItem(`vpcanvas.design.${new URLSearchParams(location.search).get('id')}`)!);
      return Object.entries(d).filter(([k, v]) => Array.isArray(v) && k !== 'intents').reduce((n, [, v]) => n + (v as unknown[]).length, 0);
    });
    lengths[key] = { resources, chars };
    await page.keyboard.press('Escape');
  }
  mkdirSync('perf-results', { recursive: true });
  writeFileSync('perf-results/share-lengths.json', JSON.stringify(lengths, null, 2));
  console.log(JSON.stringify(lengths));
  expect(app.errors).toEqual([]);
});

test('a design file dropped on the page opens; a link too long for common use says so and offers the file', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  const text = (await (await page.request.get('/samples/two-az.json')).text()).replace('Two-AZ web VPC', 'Dropped in');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.vpcanvas.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(app.designName).toHaveValue('Dropped in');
  // A generated design of 600 resources makes a link far over 8,000 characters.
  const big = synthDesign(600, 'test-results/big.json');
  await page.route('**/big.json', (route) => route.fulfill({ contentType: 'application/json', body: big }));
  await page.goto('/?design=big.json');
  await expect(app.canvas.locator('[data-testid="container"]').first()).toBeVisible();
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('design-share').click();
  await expect(page.getByTestId('share-too-long')).toContainText('share the design as a file instead');
  expect(Number(await page.getByTestId('share-length').getAttribute('data-chars'))).toBeGreaterThan(8000);
  expect(app.errors).toEqual([]);
});

test('infrastructure code from the app: Terraform as a .zip of files, CloudFormation as YAML that cfn-lint accepts', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('designs-menu').click();
  let download = page.waitForEvent('download');
  await page.getByTestId('export-terraform').click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('Two-AZ-web-VPC-terraform.zip');
  // Python's own zipfile reads the archive and checks every CRC.
  const listing = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', await zip.path()], { encoding: 'utf8' });
  expect(listing.trim().split('\n')).toEqual(expect.arrayContaining(['Two-AZ-web-VPC-terraform/network.tf', 'Two-AZ-web-VPC-terraform/security.tf', 'Two-AZ-web-VPC-terraform/versions.tf']));
  download = page.waitForEvent('download');
  await page.getByTestId('export-cloudformation').click();
  const yaml = await download;
  expect(yaml.suggestedFilename()).toBe('Two-AZ-web-VPC.cloudformation.yaml');
  const text = readFileSync(await yaml.path(), 'utf8');
  expect(text).toContain('Type: "AWS::EC2::VPC"');
  // The same linter the test command runs on every template, when it is installed (scripts/test.sh installs it).
  const lint = '../.tools/iac/bin/cfn-lint';
  if (existsSync(lint)) {
    const copy = 'test-results/exported.yaml';
    writeFileSync(copy, text);
    const out = (() => {
      try {
        return execFileSync(lint, ['--format', 'parseable', copy], { encoding: 'utf8' });
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? e);
      }
    })();
    expect(out).not.toMatch(/:E\d+:/);
  }
  expect(app.errors).toEqual([]);
});
