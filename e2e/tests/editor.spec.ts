// The editor, driven as a person would: build our notes' classic design from nothing with the mouse, undo and
// redo it, move an instance to another subnet, see a drop AWS would not allow refused, delete a subnet with what
// lives in it; and build a smaller design with the keyboard alone.
import { expect, test } from '@playwright/test';
import { AppPage } from './fixtures/app_page';

const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

test('build the classic two-zone design with the mouse, undo it all and redo it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/?new');
  await expect(app.containers('region')).toHaveCount(0);

  // A Region on the empty canvas.
  const canvas = (await app.canvas.boundingBox())!;
  await app.dropFromPalette('region', canvas.x + 40, canvas.y + 40);
  await expect(app.containers('region')).toHaveCount(1);
  const region = await app.selectedId();
  expect(region).toBe('us-east-1');
  await page.getByTestId('zoom-fit').click();

  // A VPC in it: AWS's next free /16, with its main route table, default ACL and default security group.
  await app.dropInto('vpc', region, 0.04, 0.1);
  await expect(app.containers('vpc')).toHaveCount(1);
  const vpc = await app.selectedId();
  await expect(app.container(vpc)).toContainText('10.0.0.0/16');
  await expect(app.outlineRow('rtb-1')).toBeVisible();
  await expect(app.outlineRow('sg-1')).toBeVisible();
  await page.getByTestId('zoom-fit').click();

  // Two Availability Zones, a public and a private subnet in each.
  await app.dropInto('zone', vpc, 0.04, 0.12);
  await app.dropInto('zone', vpc, 0.5, 0.12);
  await expect(app.containers('zone')).toHaveCount(2);
  const zones = ['vpc-1/us-east-1a', 'vpc-1/us-east-1b'];
  for (const zone of zones) {
    await app.dropInto('subnet', zone, 0.05, 0.1);
    await app.dropInto('subnet', zone, 0.05, 0.55);
  }
  await expect(app.containers('subnet')).toHaveCount(4);
  for (const [subnet, cidr] of [['subnet-1', '10.0.0.0/24'], ['subnet-2', '10.0.1.0/24'], ['subnet-3', '10.0.2.0/24'], ['subnet-4', '10.0.3.0/24']]) {
    await expect(app.container(subnet)).toContainText(cidr);
  }
  expect(inside(await app.box('subnet-1'), await app.box(zones[0]))).toBe(true);
  expect(inside(await app.box('subnet-4'), await app.box(zones[1]))).toBe(true);

  // Name the subnets as the notes do, in the inspector (one step per field).
  for (const [subnet, name] of [['subnet-1', 'public-a'], ['subnet-2', 'private-a'], ['subnet-3', 'public-b'], ['subnet-4', 'private-b']]) {
    await app.outlineRow(subnet).click();
    const field = page.getByTestId('field-name');
    await field.fill(name);
    await field.press('Enter');
    await expect(app.container(subnet)).toContainText(name);
  }

  // An internet gateway on the VPC, a NAT gateway in public-a, a web server in public-a, a database in private-a.
  await app.dropInto('internet_gateway', vpc, 0.5, 0.04);
  await expect(app.resources('internet_gateway')).toHaveCount(1);
  await app.dropInto('nat_gateway', 'subnet-1', 0.25, 0.6);
  await expect(app.resources('nat_gateway')).toHaveCount(1);
  await app.dropInto('instance', 'subnet-1', 0.7, 0.6);
  await app.dropInto('instance', 'subnet-2', 0.5, 0.6);
  await expect(app.resources('instance')).toHaveCount(2);
  expect(inside(await app.box('i-1'), await app.box('subnet-1'))).toBe(true);
  expect(inside(await app.box('i-2'), await app.box('subnet-2'))).toBe(true);
  for (const [id, name] of [['i-1', 'web'], ['i-2', 'db']]) {
    await app.outlineRow(id).click();
    await page.getByTestId('field-name').fill(name);
    await page.getByTestId('field-name').press('Enter');
    await expect(app.resource(id)).toContainText(name);
  }
  // Make public-a and public-b public: a route table sending 0.0.0.0/0 to the internet gateway. Private-a goes
  // out through the NAT gateway.
  await app.dropInto('route_table', vpc, 0.9, 0.05);
  expect(await app.selectedId()).toBe('rtb-2');
  await page.getByTestId('field-name').fill('public');
  await page.getByTestId('field-name').press('Enter');
  await page.getByTestId('route-add').click();
  await expect(page.getByTestId('route-target')).toHaveValue('igw-1');
  await page.locator('[data-testid="route-table-subnet"][data-id="subnet-1"] input').check();
  await page.locator('[data-testid="route-table-subnet"][data-id="subnet-3"] input').check();
  await expect(app.container('subnet-1')).toHaveClass(/public/);
  await expect(app.container('subnet-3')).toHaveClass(/public/);
  await expect(app.container('subnet-1')).toContainText('10.0.0.0/24 · public');
  await app.dropInto('route_table', vpc, 0.95, 0.05);
  expect(await app.selectedId()).toBe('rtb-3');
  await page.getByTestId('route-add').click();
  await page.getByTestId('route-target').selectOption('nat-1');
  await page.locator('[data-testid="route-table-subnet"][data-id="subnet-2"] input').check();
  await expect(app.container('subnet-2')).toHaveClass(/private/);
  await app.outlineRow('subnet-2').click();
  await expect(page.getByTestId('field-route-table')).toHaveValue('rtb-3');
  await expect(app.container('subnet-4')).toHaveClass(/private/);

  await page.getByTestId('zoom-fit').click();
  await app.screenshot('editor-classic');

  // Undo every step back to the empty canvas, then redo every one.
  const undo = page.getByTestId('undo');
  let steps = 0;
  while (await undo.isEnabled()) {
    await undo.click();
    steps += 1;
    expect(steps).toBeLessThan(60);
  }
  expect(steps).toBe(27);
  await expect(app.containers('region')).toHaveCount(0);
  await expect(app.canvas.locator('[data-testid="resource"]')).toHaveCount(0);
  const redo = page.getByTestId('redo');
  for (let i = 0; i < steps; i++) await redo.click();
  await expect(redo).toBeDisabled();
  await expect(app.containers('subnet')).toHaveCount(4);
  await expect(app.resource('i-2')).toContainText('db');
  await expect(app.container('subnet-1')).toContainText('public-a');
  expect(app.errors).toEqual([]);
});

test('move an instance to another subnet, a refused drop, delete a subnet and undo', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // Move web-a from private-a to private-c by dragging it.
  const web = await app.box('i-web-a');
  const target = await app.box('subnet-private-c');
  await app.drag({ x: web.x + web.width / 2, y: web.y + web.height / 2 }, { x: target.x + target.width * 0.6, y: target.y + target.height * 0.6 });
  expect(inside(await app.box('i-web-a'), await app.box('subnet-private-c'))).toBe(true);
  await app.expectJson('"subnet": "subnet-private-c"');
  await page.keyboard.press('Control+z');
  expect(inside(await app.box('i-web-a'), await app.box('subnet-private-a'))).toBe(true);

  // An instance dropped on the VPC itself, outside any subnet: refused, with the reason, and nothing moves.
  const before = await app.box('i-web-a');
  const vpc = await app.box('vpc-main');
  await app.drag({ x: before.x + 24, y: before.y + 24 }, { x: vpc.x + vpc.width * 0.5, y: vpc.y + 12 });
  await expect(app.notice).toContainText('it goes in a subnet');
  expect(await app.box('i-web-a')).toEqual(before);
  // The palette refuses the same way.
  await app.dropFromPalette('subnet', vpc.x + vpc.width * 0.5, vpc.y + 12);
  await expect(app.notice).toContainText('A subnet cannot go in a VPC');

  // Delete public-a: its NAT gateway and bastion go with it, and one undo brings all of it back.
  await app.container('subnet-public-a').locator('.box-title').click();
  expect(await app.selectedId()).toBe('subnet-public-a');
  await page.keyboard.press('Delete');
  await expect(app.container('subnet-public-a')).toHaveCount(0);
  await expect(app.resource('nat-a')).toHaveCount(0);
  await expect(app.resource('i-bastion')).toHaveCount(0);
  await expect(app.notice).toContainText('Also deleted');
  await page.keyboard.press('Control+z');
  await expect(app.container('subnet-public-a')).toHaveCount(1);
  await expect(app.resource('nat-a')).toHaveCount(1);
  await expect(app.resource('i-bastion')).toHaveCount(1);
  // Escape during a drag puts the shape back, and nothing is recorded.
  const bastion = await app.box('i-bastion');
  await page.mouse.move(bastion.x + 24, bastion.y + 24);
  await page.mouse.down();
  await page.mouse.move(bastion.x + 120, bastion.y + 80, { steps: 5 });
  await expect(page.getByTestId('drag-preview')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(page.getByTestId('drag-preview')).toHaveCount(0);
  expect(await app.box('i-bastion')).toEqual(bastion);
  expect(app.errors).toEqual([]);
});

test('a CIDR is checked as it is typed, with the next free block offered', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.outlineRow('subnet-private-a').click();
  const cidr = page.getByTestId('field-cidr');
  await cidr.fill('10.0.0.0/33');
  await expect(page.getByTestId('cidr-problem')).toContainText('Not a CIDR block');
  await cidr.fill('10.0.1.0/24');
  await expect(page.getByTestId('cidr-problem')).toContainText('overlaps subnet subnet-public-c');
  await page.getByTestId('cidr-suggestion').click();
  await expect(app.container('subnet-private-a')).toContainText('10.0.2.0/24');
  await page.keyboard.press('Control+z');
  await expect(app.container('subnet-private-a')).toContainText('10.0.10.0/24');
});

test('build a small design with the keyboard alone', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/?new');
  // Each palette item, pressed with Enter, goes into the selection (the last thing added).
  for (const kind of ['region', 'vpc', 'zone', 'subnet', 'instance']) {
    await app.paletteItem(kind).focus();
    await page.keyboard.press('Enter');
  }
  await expect(app.containers('region')).toHaveCount(1);
  await expect(app.containers('vpc')).toHaveCount(1);
  await expect(app.containers('zone')).toHaveCount(1);
  await expect(app.containers('subnet')).toHaveCount(1);
  await expect(app.resources('instance')).toHaveCount(1);
  expect(inside(await app.box('i-1'), await app.box('subnet-1'))).toBe(true);
  // Walk the outline with the arrow keys and select the subnet with Enter.
  await app.outlineRow('us-east-1').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  expect(await app.selectedId()).toBe('subnet-1');
  // Rename it from the keyboard.
  await page.keyboard.press('Tab');
  await page.getByTestId('field-name').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('app');
  await page.keyboard.press('Enter');
  await expect(app.container('subnet-1').locator('.box-title')).toContainText('app10.0.0.0/24');
  // Nudge it with the arrows: its instance moves with it.
  const before = await app.box('i-1');
  await app.outlineRow('subnet-1').click();
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Shift+ArrowRight');
  const after = await app.box('i-1');
  expect(after.x).toBeGreaterThan(before.x);
  // Delete with the key, undo with the keyboard.
  await page.keyboard.press('Delete');
  await expect(app.containers('subnet')).toHaveCount(0);
  await expect(app.resources('instance')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(app.containers('subnet')).toHaveCount(1);
  await expect(app.resources('instance')).toHaveCount(1);
  // The help sheet.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-sheet')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-sheet')).toHaveCount(0);
  await app.screenshot('editor-keyboard');
  expect(app.errors).toEqual([]);
});

test('the language switches to Korean and is remembered', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('lang').click();
  await expect(app.paletteItem('subnet')).toContainText('서브넷');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.reload();
  await expect(app.canvas).toBeVisible();
  await expect(app.paletteItem('nat_gateway')).toContainText('NAT 게이트웨이');
  await app.container('subnet-public-a').locator('.box-title').click();
  await expect(page.getByTestId('inspector-kind')).toHaveText('서브넷');
  // The diagram's own words too; names and CIDRs stay as written.
  await expect(app.container('subnet-public-a')).toContainText('10.0.0.0/24 · 퍼블릭');
  await expect(app.container('vpc-main/ap-northeast-2a')).toContainText('가용 영역');
  await app.screenshot('editor-korean');
  await page.getByTestId('lang').click();
  await expect(app.paletteItem('subnet')).toContainText('Subnet');
});

test('security group and network ACL rules are edited as tables', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.outlineRow('sg-web').click();
  await page.getByTestId('sg-inbound-add').click();
  const rule = page.locator('[data-testid="sg-inbound"] [data-testid="sg-rule"]').last();
  await rule.getByTestId('sg-rule-ports').fill('8443');
  await rule.getByTestId('sg-rule-ports').press('Enter');
  await rule.getByTestId('sg-rule-peer').fill('sg-bastion');
  await rule.getByTestId('sg-rule-peer').press('Enter');
  await app.expectJson('"group": "sg-bastion"');
  await app.expectJson('"from": 8443');
  // A bad port range is refused with the reason; nothing changes.
  await rule.getByTestId('sg-rule-ports').fill('9000-80');
  await rule.getByTestId('sg-rule-ports').press('Enter');
  await expect(app.notice).toContainText('ends before it starts');
  await app.expectJson('"from": 8443');

  // The row's × removes it.
  const rules = page.locator('[data-testid="sg-inbound"] [data-testid="sg-rule"]');
  const before = await rules.count();
  await rules.last().getByTestId('sg-rule-remove').click();
  await expect(rules).toHaveCount(before - 1);

  await app.outlineRow('acl-default').click();
  await page.getByTestId('nacl-inbound-add').click();
  const deny = page.locator('[data-testid="nacl-inbound"] [data-testid="nacl-rule"]').last();
  await deny.getByTestId('nacl-rule-number').fill('90');
  await deny.getByTestId('nacl-rule-number').press('Enter');
  // Rows follow the rule numbers: 90 now comes first.
  const first = page.locator('[data-testid="nacl-inbound"] [data-testid="nacl-rule"]').first();
  await expect(first.getByTestId('nacl-rule-number')).toHaveValue('90');
  await first.getByTestId('nacl-rule-action').selectOption('deny');
  await app.expectJson('"action": "deny"');
  // Three steps back: the added rule, its number, its action.
  for (let i = 0; i < 3; i++) await page.getByTestId('undo').click();
  await app.expectJson('"rule_number": 90', false);
  expect(app.errors).toEqual([]);
});

test('resize a container by its handle, never smaller than what is inside it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.container('subnet-private-a').locator('.box-title').click();
  const handle = page.locator('[data-testid="resize-handle"][data-id="subnet-private-a"]');
  await expect(handle).toHaveCount(1);
  const before = await app.box('subnet-private-a');
  const h = (await handle.boundingBox())!;
  // Wider and taller.
  await app.drag({ x: h.x + h.width / 2, y: h.y + h.height / 2 }, { x: h.x + 80, y: h.y + 40 });
  const bigger = await app.box('subnet-private-a');
  expect(bigger.width).toBeGreaterThan(before.width + 40);
  expect(bigger.height).toBeGreaterThan(before.height + 20);
  // Far too small: it stops where its instance still fits.
  const h2 = (await handle.boundingBox())!;
  await app.drag({ x: h2.x + h2.width / 2, y: h2.y + h2.height / 2 }, { x: bigger.x + 10, y: bigger.y + 10 });
  const smallest = await app.box('subnet-private-a');
  expect(inside(await app.box('i-web-a'), smallest)).toBe(true);
  // Two steps, undone in two.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  expect(await app.box('subnet-private-a')).toEqual(before);
  expect(app.errors).toEqual([]);
});

test('duplicate, copy and paste give new ids and keep what the originals had (clashes are left for validation)', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.resource('i-web-a').click();
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Control+d');
  await expect(app.resource('i-web-a-copy')).toHaveCount(1);
  expect(await app.selectedId()).toBe('i-web-a-copy');
  // The copy keeps the original's address: the clash stays visible in the design (the validation shows it).
  await app.expectJson('"private_ip": "10.0.10.10"');
  await app.expectJson('"subnet": "subnet-private-a"');
  // Copy a subnet and paste it twice: everything inside comes along under new ids.
  await app.container('subnet-private-c').locator('.box-title').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(app.container('subnet-private-c-copy')).toHaveCount(1);
  await expect(app.resource('i-web-c-copy')).toHaveCount(1);
  await page.keyboard.press('Control+v');
  await expect(app.container('subnet-private-c-copy-2')).toHaveCount(1);
  // Zoom to the selection brings the pasted subnet into view.
  await page.getByTestId('zoom-selection').click();
  const pasted = await app.box('subnet-private-c-copy-2');
  const canvas = (await app.canvas.boundingBox())!;
  expect(inside(pasted, canvas)).toBe(true);
  // Each paste is one step.
  await page.keyboard.press('Control+z');
  await expect(app.container('subnet-private-c-copy-2')).toHaveCount(0);
  await expect(app.container('subnet-private-c-copy')).toHaveCount(1);
  expect(app.errors).toEqual([]);
});

test('a peering connects two selected VPCs, and a pair AWS would not connect is refused with the reason', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/?new');
  const canvas = (await app.canvas.boundingBox())!;
  await app.dropFromPalette('region', canvas.x + 40, canvas.y + 40);
  await page.getByTestId('zoom-fit').click();
  await app.dropInto('vpc', 'us-east-1', 0.03, 0.08);
  await app.outlineRow('us-east-1').click();
  await app.paletteItem('vpc').click();
  await expect(app.containers('vpc')).toHaveCount(2);
  // One VPC selected: the palette says what to do.
  await app.paletteItem('vpc_peering').click();
  await expect(app.notice).toContainText('Select the two things');
  // Both selected: the peering is added, and drawn as a line between them.
  await app.outlineRow('vpc-1').click();
  await app.outlineRow('vpc-2').click({ modifiers: ['Shift'] });
  const links = await app.canvas.locator('.link').count();
  await app.paletteItem('vpc_peering').click();
  expect(await app.selectedId()).toBe('pcx-1');
  await expect(app.canvas.locator('.link')).toHaveCount(links + 1);
  // The line itself can be clicked, and deleted.
  // (A horizontal line has a box of no height, so the test clicks its midpoint with the mouse.)
  const line = (await app.canvas.locator('[data-testid="connector"][data-id="pcx-1"] .hit').boundingBox())!;
  await page.mouse.click(line.x + line.width / 2, line.y + line.height / 2);
  expect(await app.selectedId()).toBe('pcx-1');
  await expect(app.canvas.locator('[data-testid="connector"][data-id="pcx-1"]')).toHaveClass(/selected/);
  await app.screenshot('editor-peering');
  await page.keyboard.press('Delete');
  await expect(app.canvas.locator('[data-testid="connector"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(app.canvas.locator('[data-testid="connector"][data-id="pcx-1"]')).toHaveCount(1);
  // A VPC and a subnet: not a peering.
  await app.outlineRow('vpc-1').click();
  await app.outlineRow('rtb-1').click({ modifiers: ['Shift'] });
  await app.paletteItem('vpc_peering').click();
  await expect(app.notice).toContainText('connects two VPCs');
  expect(app.errors).toEqual([]);
});

test('any field can be edited as JSON, and a mistake says where it is', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.outlineRow('i-web-a').click();
  await page.locator('.raw summary').click();
  const raw = page.getByTestId('raw-json');
  const text = await raw.inputValue();
  await raw.fill(text.replace('"m7g.large"', '"c7g.xlarge"'));
  await page.getByTestId('raw-json-apply').click();
  await expect(page.getByTestId('field-instance-type')).toHaveValue('c7g.xlarge');
  await expect(app.resource('i-web-a')).toContainText('c7g.xlarge');
  // A wrong type is refused with its path; the design is unchanged. (The JSON stays open while editing.)
  await expect(raw).toBeVisible();
  await raw.fill(text.replace('"m7g.large"', '7'));
  await page.getByTestId('raw-json-apply').click();
  await expect(page.getByTestId('raw-json-problem')).toContainText('at $.instance_type');
  await expect(app.resource('i-web-a')).toContainText('c7g.xlarge');
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await expect(app.resource('i-web-a')).toContainText('m7g.large');
});

test('load balancer, target group, ECS service and instance type forms', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // An ALB in the VPC, across both public subnets, sending to both web servers.
  await app.dropInto('load_balancer', 'vpc-main', 0.5, 0.06);
  const lb = await app.selectedId();
  await page.locator('[data-testid="lb-subnet"][data-id="subnet-public-a"] input').check();
  await page.locator('[data-testid="lb-subnet"][data-id="subnet-public-c"] input').check();
  await app.expectJson('"subnet-public-c"');
  await page.getByTestId('field-lb-scheme').selectOption('internal');
  await app.expectJson('"scheme": "internal"');
  await app.dropInto('target_group', 'vpc-main', 0.6, 0.06);
  await page.locator('[data-testid="tg-target"][data-id="i-web-a"] input').check();
  await page.locator('[data-testid="tg-target"][data-id="i-web-c"] input').check();
  await app.expectJson('"instance": "i-web-c"');
  expect(lb).toBe('alb-1');
  // Its listener forwards to that target group; a second listener on 443.
  await app.outlineRow('alb-1').click();
  await page.getByTestId('listener-target-group').selectOption('tg-1');
  await page.getByTestId('listener-add').click();
  await expect(page.getByTestId('listener')).toHaveCount(2);
  await expect(page.getByTestId('listener-port').nth(1)).toHaveValue('443');
  await expect(page.getByTestId('listener-protocol').nth(1)).toHaveValue('HTTPS');
  await app.expectJson('"target_groups": [\n        "tg-1"');
  // An ECS service: desired count, launch type, subnets.
  await app.container('ap-northeast-2').locator('.box-title').click();
  await app.paletteItem('ecs_service').click();
  await page.getByTestId('field-desired-count').fill('4');
  await page.getByTestId('field-desired-count').press('Enter');
  await app.expectJson('"desired_count": 4');
  await page.getByTestId('field-desired-count').fill('-1');
  await page.getByTestId('field-desired-count').press('Enter');
  await expect(app.notice).toContainText('from 0 to 5000');
  await page.locator('[data-testid="service-subnet"][data-id="subnet-private-a"] input').check();
  await app.expectJson('"subnet-private-a"');
  // The instance type names its family as it changes.
  await app.resource('i-web-a').click();
  await expect(page.getByTestId('instance-family')).toHaveText('general purpose');
  await page.getByTestId('field-instance-type').fill('r7g.large');
  await page.getByTestId('field-instance-type').press('Enter');
  await expect(page.getByTestId('instance-family')).toHaveText('memory optimised');
  expect(app.errors).toEqual([]);
});

test('the remaining forms: image, addresses, Elastic IP, tags, containers and ports, transit gateway and VPN', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  const enter = async (testid: string, value: string, nth = 0) => {
    const input = page.getByTestId(testid).nth(nth);
    await input.fill(value);
    await input.press('Enter');
  };
  // An instance's image: a malformed id is refused with the reason; a real one is kept.
  await app.pick('i-web-a');
  await enter('field-ami-id', 'ami-12');
  await expect(app.notice).toContainText('not an AMI id');
  await enter('field-ami-id', 'ami-0abcdef1234567890');
  await app.expectJson('"id": "ami-0abcdef1234567890"');
  await page.getByTestId('field-ami-os').selectOption('windows');
  await app.expectJson('"os": "windows"');
  // Its address: inside its subnet and not one AWS reserves.
  await enter('field-private-ip', '10.9.9.9');
  await expect(app.notice).toContainText('outside subnet subnet-private-a');
  await enter('field-private-ip', '10.0.10.1');
  await expect(app.notice).toContainText('AWS reserves 10.0.10.1');
  await enter('field-private-ip', '10.0.10.20');
  await app.expectJson('"private_ip": "10.0.10.20"');
  // An Elastic IP: the list says which are held already.
  await expect(page.getByTestId('field-elastic-ip').locator('option[value="eip-nat-a"]')).toContainText('held by nat-a');
  await page.getByTestId('field-elastic-ip').selectOption('eip-nat-a');
  await app.expectJson('"elastic_ip": "eip-nat-a"');
  await page.keyboard.press('Escape');
  await page.getByTestId('undo').click();
  await app.expectJson('"elastic_ip"', false);
  // Tags: add, refuse the Name tag (it is the name field), change a value, remove.
  await page.getByTestId('tag-new-key').fill('env');
  await page.getByTestId('tag-new-value').fill('prod');
  await page.getByTestId('tag-add').click();
  await app.expectJson('"env": "prod"');
  await page.getByTestId('tag-new-key').fill('Name');
  await page.getByTestId('tag-add').click();
  await expect(app.notice).toContainText('The Name tag is the Name field');
  await enter('tag-value', 'staging');
  await app.expectJson('"env": "staging"');
  await page.getByTestId('tag-remove').click();
  await expect(page.getByTestId('tag-row')).toHaveCount(0);
  await app.expectJson('"tags"', false);

  // A task definition: network mode, a second container, its ports in host:container/protocol form.
  await app.pick('ap-northeast-2');
  await app.paletteItem('task_definition').click();
  expect(await app.selectedId()).toBe('td-1');
  await page.getByTestId('field-network-mode').selectOption('bridge');
  await app.expectJson('"network_mode": "bridge"');
  await page.getByTestId('container-add').click();
  await expect(page.getByTestId('container-row')).toHaveCount(2);
  await enter('container-ports', '8080:80, 53/udp', 1);
  await app.expectJson('"host_port": 8080');
  await app.expectJson('"protocol": "udp"');
  await enter('container-ports', 'eighty', 1);
  await expect(app.notice).toContainText('is not a port mapping');
  await enter('container-name', 'app', 1);
  await expect(app.notice).toContainText('already a container app');
  // A service behind a target group sends to a container port of its definition.
  await app.dropInto('target_group', 'vpc-main', 0.6, 0.06);
  await app.pick('ap-northeast-2');
  await app.paletteItem('ecs_service').click();
  // (A new service takes an awsvpc definition, made for it; it is switched to td-1 here.)
  await page.getByTestId('field-task-definition').selectOption('td-1');
  await app.expectJson('"task_definition": "td-1"');
  await page.getByTestId('field-service-target-group').selectOption('tg-1');
  await app.expectJson('"container_name": "app"');
  await page.getByTestId('field-service-container').selectOption('app2:80');
  await app.expectJson('"container_name": "app2"');

  // A transit gateway: a public ASN is refused; its route table; an attachment of the VPC associated with it.
  await app.pick('ap-northeast-2');
  await app.paletteItem('transit_gateway').click();
  await enter('field-amazon-asn', '100');
  await expect(app.notice).toContainText('private ASN');
  await enter('field-amazon-asn', '64600');
  await app.expectJson('"amazon_side_asn": 64600');
  await app.pick('ap-northeast-2');
  await app.paletteItem('tgw_route_table').click();
  expect(await app.selectedId()).toBe('tgw-rtb-1');
  await app.pick('tgw-1');
  await app.pick('vpc-main', ['Shift']);
  await app.paletteItem('tgw_attachment').click();
  expect(await app.selectedId()).toBe('tgw-attach-1');
  await page.getByTestId('field-tgw-association').selectOption('tgw-rtb-1');
  await page.locator('[data-testid="tgw-propagation"][data-id="tgw-rtb-1"] input').check();
  await app.expectJson('"association": "tgw-rtb-1"');
  await app.expectJson('"propagations": [\n    "tgw-rtb-1"');
  await app.pick('tgw-rtb-1');
  await page.getByTestId('tgw-route-add').click();
  await enter('tgw-route-destination', '192.168.0.0/16');
  await page.getByTestId('tgw-route-target').selectOption('tgw-attach-1');
  await app.expectJson('"destination": "192.168.0.0/16"');
  await app.expectJson('"attachment": "tgw-attach-1"');
  // A static VPN from a customer gateway to it.
  await app.pick('ap-northeast-2');
  await app.paletteItem('customer_gateway').click();
  await enter('field-cgw-ip', '198.51.100.7');
  await app.expectJson('"ip_address": "198.51.100.7"');
  await app.pick('tgw-1', ['Shift']);
  await app.paletteItem('vpn_connection').click();
  expect(await app.selectedId()).toBe('vpn-1');
  await page.getByTestId('field-static-routes-only').check();
  await enter('field-static-routes', '192.168.0.0/16, 172.20.0.0/16');
  await app.expectJson('"static_routes": [\n    "192.168.0.0/16",\n    "172.20.0.0/16"');
  await app.screenshot('editor-forms');
  expect(app.errors).toEqual([]);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('two fingers pinch to zoom about the point between them, and a shape under a finger does not move', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('/');
    const zoomText = async () => Number((await page.getByTestId('zoom-level').textContent())!.replace('%', ''));
    const before = await zoomText();
    const web = await app.box('i-web-a');
    const design = await page.getByTestId('raw-json').count();
    expect(design).toBe(0);
    // Real touch input through the DevTools protocol: Chromium turns it into pointer events of type "touch".
    const cdp = await page.context().newCDPSession(page);
    const cx = web.x + web.width / 2;
    const cy = web.y + web.height / 2;
    const touch = (type: string, d: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }],
      });
    await touch('touchStart', 40);
    for (const d of [50, 60, 70, 80]) await touch('touchMove', d);
    await touch('touchEnd', 0);
    // Twice the spread: twice the zoom (within rounding), about the fingers' midpoint: the instance under it stays.
    await expect.poll(zoomText).toBeGreaterThan(before * 1.8);
    const after = await app.box('i-web-a');
    expect(Math.abs(after.x + after.width / 2 - cx)).toBeLessThan(6);
    expect(Math.abs(after.y + after.height / 2 - cy)).toBeLessThan(6);
    // Nothing was moved or committed.
    await expect(page.getByTestId('undo')).toBeDisabled();
    expect(app.errors).toEqual([]);
  });
});

test("a subnet's zone chosen in the inspector moves it, with what is in it, into that zone's box", async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await app.pick('subnet-private-a');
  await page.getByTestId('field-zone').selectOption('ap-northeast-2c');
  await app.expectJson('"availability_zone": "ap-northeast-2c"');
  const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
  await page.getByTestId('zoom-fit').click();
  const zone = await app.box('vpc-main/ap-northeast-2c');
  expect(inside(await app.box('subnet-private-a'), zone)).toBe(true);
  expect(inside(await app.box('i-web-a'), await app.box('subnet-private-a'))).toBe(true);
  // The zone's box grew to hold it and does not overlap the subnets already there.
  const c = await app.box('subnet-private-c');
  const a = await app.box('subnet-private-a');
  expect(a.x >= c.x + c.width || c.x >= a.x + a.width || a.y >= c.y + c.height || c.y >= a.y + a.height).toBe(true);
  await app.screenshot('editor-zone-move');
  // One undo step puts it all back.
  await page.getByTestId('undo').click();
  await app.expectJson('"availability_zone": "ap-northeast-2a"');
  expect(inside(await app.box('subnet-private-a'), await app.box('vpc-main/ap-northeast-2a'))).toBe(true);
  expect(app.errors).toEqual([]);
});
