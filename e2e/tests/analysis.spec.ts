// Live analysis: the traffic panel, the problems panel and intent checks, driven as a person would.
import { test, expect } from '@playwright/test';
import { AppPage } from './fixtures/app_page';

test('a private instance reaches the internet only once a NAT gateway and a route are there, and the panel says so at each step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // Take the sample's NAT gateway of zone a away: its route goes with it.
  await app.pick('nat-a');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: Delete nat-a');
  // Trace web-a to the internet over HTTPS.
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-from').selectOption('i-web-a');
  await page.getByTestId('traffic-to').selectOption('internet');
  await page.getByTestId('traffic-preset').selectOption('https');
  const verdict = page.getByTestId('traffic-verdict');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'NoRoute');
  await expect(page.getByTestId('trace-forward').getByTestId('explanation')).toContainText('rtb-private-a (subnet subnet-private-a) has no route for 8.8.8.8');
  await expect(app.canvas.getByTestId('trace-stop')).toHaveCount(1);
  await app.screenshot('analysis-no-route');
  // A NAT gateway in the public subnet: still no route to it, and the panel still says so.
  await page.getByTestId('tab-inspector').click();
  await app.pick('subnet-public-a');
  await app.paletteItem('nat_gateway').click();
  expect(await app.selectedId()).toBe('nat-1');
  await page.getByTestId('tab-traffic').click();
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'NoRoute');
  // The route: 0.0.0.0/0 to the new NAT gateway in the private route table. Now it flows, and back.
  await page.getByTestId('tab-inspector').click();
  await app.pick('rtb-private-a');
  await page.getByTestId('route-add').click();
  await page.getByTestId('route-target').last().selectOption('nat-1');
  await page.getByTestId('tab-traffic').click();
  await expect(verdict).toHaveAttribute('data-reachable', 'true');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'ExitsNetwork');
  await expect(page.getByTestId('trace-forward')).toContainText('nat-1');
  await expect(page.getByTestId('trace-reply')).toHaveAttribute('data-disposition', 'Accepted');
  // The path is drawn along the diagram, there and back, with nothing stopping it.
  const points = await app.canvas.getByTestId('trace-forward-path').getAttribute('points');
  expect(points!.trim().split(' ').length).toBeGreaterThanOrEqual(4);
  await expect(app.canvas.getByTestId('trace-reply-path')).toHaveCount(1);
  await expect(app.canvas.getByTestId('trace-stop')).toHaveCount(0);
  await app.screenshot('analysis-traffic');
  expect(app.errors).toEqual([]);
});

test('a network ACL without the ephemeral return range drops the reply, says why, and its fix is one undoable step', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // Inbound: only HTTPS. Requests still get out; replies come back to ephemeral ports and are dropped.
  await app.pick('acl-default');
  await page.getByTestId('nacl-rule-protocol').first().selectOption('tcp');
  const ports = page.getByTestId('nacl-rule-ports').first();
  await ports.fill('443');
  await ports.press('Enter');
  await app.expectJson('"to": 443');
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-from').selectOption('i-web-a');
  await page.getByTestId('traffic-to').selectOption('internet');
  await page.getByTestId('traffic-preset').selectOption('https');
  await expect(page.getByTestId('traffic-verdict')).toContainText('the reply is dropped');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'ExitsNetwork');
  await expect(page.getByTestId('trace-reply')).toHaveAttribute('data-disposition', 'DeniedIn');
  // Stopped entering the NAT gateway's subnet, by the final deny of its network ACL.
  await expect(page.getByTestId('trace-reply').getByTestId('blocked-by')).toContainText('subnet-public-a');
  await expect(page.getByTestId('trace-reply')).toContainText('network ACL acl-default (inbound): the final deny (*) denies');
  await app.screenshot('analysis-nacl-reply');
  // The problems panel names it, with a fix.
  await page.getByTestId('tab-problems').click();
  const problem = page.locator('[data-testid="problem"][data-code="nacl-no-return-path"]').first();
  await expect(problem).toContainText('acl-default');
  await problem.getByTestId('problem-fix').click();
  await page.getByTestId('tab-traffic').click();
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'true');
  // Undo takes the fix back.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'false');
  expect(app.errors).toEqual([]);
});

test('an intent check turns red when a security group is opened to the world, and green again on undo', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-from').selectOption('internet');
  await page.getByTestId('traffic-to').selectOption('i-bastion');
  await page.getByTestId('traffic-preset').selectOption('ssh');
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'false');
  await page.getByTestId('check-name').fill('the internet never reaches the bastion');
  await page.getByTestId('check-expect').selectOption('unreachable');
  await page.getByTestId('check-save').click();
  const check = page.getByTestId('check');
  await expect(check).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('tab-checks')).toHaveText('Checks 1/1');
  // SSH open to the world on the bastion's group.
  await page.getByTestId('tab-inspector').click();
  await app.pick('sg-bastion');
  const peer = page.getByTestId('sg-rule-peer').first();
  await peer.fill('0.0.0.0/0');
  await peer.press('Enter');
  await expect(page.getByTestId('tab-checks')).toHaveText('Checks 0/1');
  await page.getByTestId('tab-checks').click();
  await expect(check).toHaveAttribute('data-passed', 'false');
  await expect(check).toContainText('expected unreachable, but it is reachable');
  // Shown as a problem too, and marked on the diagram.
  await page.getByTestId('tab-problems').click();
  await expect(page.locator('[data-testid="problem"][data-code="intent"]')).toContainText('the internet never reaches the bastion');
  await expect(app.canvas.locator('[data-testid="badge"][data-id="i-bastion"]')).toHaveClass(/error/);
  await app.screenshot('analysis-intent-red');
  await page.getByTestId('undo').click();
  await page.getByTestId('tab-checks').click();
  await expect(check).toHaveAttribute('data-passed', 'true');
  expect(app.errors).toEqual([]);
});

test('exposure: what the internet reaches is coloured with its ports, and the matrix shows who reaches whom', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('tab-exposure').click();
  // The sample lets only the office reach the bastion: nothing is open to anyone.
  await expect(page.getByTestId('exposed-none')).toBeVisible();
  await page.getByTestId('tab-inspector').click();
  await app.pick('sg-bastion');
  const peer = page.getByTestId('sg-rule-peer').first();
  await peer.fill('0.0.0.0/0');
  await peer.press('Enter');
  await page.getByTestId('tab-exposure').click();
  const bastion = page.locator('[data-testid="exposed"][data-id="i-bastion"]');
  await expect(bastion).toContainText('203.0.113.20');
  await expect(bastion.getByTestId('exposed-ports')).toHaveText('tcp 22');
  await page.getByTestId('exposure-toggle').check();
  await expect(app.canvas.locator('[data-testid="exposed-mark"][data-id="i-bastion"]')).toContainText('tcp 22');
  await expect(app.canvas.getByTestId('exposed-mark')).toHaveCount(1);
  // Between subnets on 22 and 3306: the bastion's subnet reaches web-a's on SSH (web's group allows the
  // bastion's), not on MySQL.
  await page.getByTestId('matrix-ports').fill('22, 3306');
  await page.getByTestId('matrix-ports').press('Enter');
  await page.getByTestId('matrix-show').click();
  const cell = (from: string, to: string) => page.locator(`[data-testid="matrix-cell"][data-from="${from}"][data-to="${to}"]`);
  await expect(cell('subnet-public-a', 'subnet-private-a')).toHaveText('22');
  // web-a to web-c: web's group takes SSH only from the bastion's group, and MySQL from no one.
  await expect(cell('subnet-private-a', 'subnet-private-c')).toHaveText('✗');
  await app.screenshot('analysis-exposure');
  await page.getByTestId('matrix-ports').fill('0');
  await page.getByTestId('matrix-ports').press('Enter');
  await expect(app.notice).toContainText('one to ten TCP ports');
  expect(app.errors).toEqual([]);
});

test('failure mode: fail a zone and a NAT gateway, by list and by clicking, and see what breaks', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  // A check to watch: web-c reaches the internet.
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-from').selectOption('i-web-c');
  await page.getByTestId('traffic-to').selectOption('internet');
  await page.getByTestId('traffic-preset').selectOption('https');
  await page.getByTestId('check-name').fill('web-c reaches the internet');
  await page.getByTestId('check-save').click();
  await page.getByTestId('tab-failure').click();
  // Zone a fails: its box is greyed, what ran there is down, and the rest keeps working (a NAT gateway per zone).
  await page.locator('[data-testid="fail-option"][data-id="ap-northeast-2a"] input').check();
  const verdict = page.getByTestId('failure-verdict');
  await expect(verdict).toHaveAttribute('data-broken', '0');
  await expect(app.canvas.locator('[data-testid="down"][data-id="vpc-main/ap-northeast-2a"]')).toHaveCount(1);
  await expect(app.canvas.locator('[data-testid="down"][data-id="i-web-a"]')).toHaveCount(1);
  await expect(app.canvas.locator('[data-testid="down"][data-id="i-web-c"]')).toHaveCount(0);
  // Now fail zone c's NAT gateway by clicking it on the diagram: web-c loses the internet, and the check fails.
  await page.getByTestId('fail-by-click').click();
  await app.resource('nat-c').click();
  await expect(verdict).not.toHaveAttribute('data-broken', '0');
  await expect(page.getByTestId('broken-flow').first()).toContainText('i-web-c -> internet');
  await expect(page.getByTestId('failure-check')).toContainText('web-c reaches the internet');
  await expect(app.canvas.locator('[data-testid="down"][data-id="nat-c"]')).toHaveCount(1);
  await app.screenshot('analysis-failure');
  // Clicking it again brings it back; "everything runs" clears the rest.
  await app.resource('nat-c').click();
  await expect(verdict).toHaveAttribute('data-broken', '0');
  await page.getByTestId('fail-clear').click();
  await expect(app.canvas.getByTestId('down')).toHaveCount(0);
  expect(app.errors).toEqual([]);
});

test('failure mode shows where ECS re-places the tasks a zone took down', async ({ page }) => {
  // The sample with a Fargate service of two tasks, one per zone.
  const sample = await (await page.request.get('/samples/two-az.json')).json();
  sample.ecs_clusters = [{ id: 'cluster-1', name: 'web', region: 'ap-northeast-2' }];
  sample.task_definitions = [{ id: 'web:1', family: 'web', network_mode: 'awsvpc', compatibilities: ['fargate'], containers: [{ name: 'web', image: 'nginx', port_mappings: [{ container_port: 80 }] }] }];
  sample.ecs_services = [{ id: 'svc-web', name: 'web', cluster: 'cluster-1', task_definition: 'web:1', desired_count: 2, launch_type: 'fargate', subnets: ['subnet-private-a', 'subnet-private-c'], security_groups: ['sg-web'] }];
  sample.ecs_tasks = [
    { id: 'task-a', cluster: 'cluster-1', task_definition: 'web:1', service: 'svc-web', launch_type: 'fargate', subnet: 'subnet-private-a', private_ip: '10.0.10.50', security_groups: ['sg-web'] },
    { id: 'task-c', cluster: 'cluster-1', task_definition: 'web:1', service: 'svc-web', launch_type: 'fargate', subnet: 'subnet-private-c', private_ip: '10.0.11.50', security_groups: ['sg-web'] },
  ];
  await page.route('**/ecs.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(sample) }));
  const app = new AppPage(page);
  await page.goto('/?design=ecs.json');
  await expect(app.resource('task-a')).toBeVisible();
  await page.getByTestId('tab-failure').click();
  await page.getByTestId('fail-by-click').click();
  // Click zone a's box (by its top edge) on the diagram.
  const zone = await app.box('vpc-main/ap-northeast-2a');
  await page.mouse.click(zone.x + zone.width / 2, zone.y + 8);
  await expect(page.locator('[data-testid="fail-option"][data-id="ap-northeast-2a"] input')).toBeChecked();
  await expect(page.getByTestId('replacement')).toContainText('svc-web task-a');
  await expect(page.getByTestId('replacement')).toContainText('subnet-private-c');
  await expect(app.canvas.locator('[data-testid="replaced"][data-id="subnet-private-c"]')).toContainText('+1 ECS task');
  await expect(app.canvas.locator('[data-testid="down"][data-id="task-a"]')).toHaveCount(1);
  await app.screenshot('analysis-ecs-replaced');
  expect(app.errors).toEqual([]);
});

test('the ends of a flow are picked by clicking on the diagram', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('/');
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('pick-from').click();
  await app.resource('i-bastion').click();
  await expect(page.getByTestId('traffic-from')).toHaveValue('i-bastion');
  await page.getByTestId('pick-to').click();
  await app.resource('i-web-c').click();
  await expect(page.getByTestId('traffic-to')).toHaveValue('i-web-c');
  await page.getByTestId('traffic-preset').selectOption('ssh');
  // The bastion's group is allowed in by web's: SSH goes through, and back.
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'true');
  // Picking does not change the selection; an address can stand for the destination.
  await page.getByTestId('traffic-to-ip').fill('10.0.11.10');
  await page.getByTestId('traffic-to-ip').press('Enter');
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'true');
  await page.getByTestId('traffic-to-ip').fill('10.0.11.99');
  await page.getByTestId('traffic-to-ip').press('Enter');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'NeighborUnreachable');
  // From the internet, the bastion answers SSH only from the office's addresses.
  await page.getByTestId('traffic-from').selectOption('internet');
  await page.getByTestId('traffic-to').selectOption('i-bastion');
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'false');
  await page.getByTestId('traffic-from-ip').fill('198.51.100.7');
  await page.getByTestId('traffic-from-ip').press('Enter');
  await expect(page.getByTestId('traffic-verdict')).toHaveAttribute('data-reachable', 'true');
  // Kept as a check, the source address goes with it.
  await page.getByTestId('check-name').fill('the office reaches the bastion');
  await page.getByTestId('check-save').click();
  await expect(page.getByTestId('check')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('check')).toContainText('internet (198.51.100.7) -> i-bastion');
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-from-ip').fill('198.51.100.300');
  await page.getByTestId('traffic-from-ip').press('Enter');
  await expect(app.notice).toContainText('not an IPv4 address');
  await page.getByTestId('traffic-from').selectOption('i-bastion');
  await page.getByTestId('traffic-to-ip').fill('10.0.11.98');
  await page.getByTestId('traffic-to-ip').press('Enter');
  await expect(page.getByTestId('trace-forward')).toHaveAttribute('data-disposition', 'NeighborUnreachable');
  // In Korean, the panel speaks Korean.
  await page.getByTestId('lang').click();
  await expect(page.getByTestId('tab-traffic')).toHaveText('트래픽');
  await expect(page.getByTestId('traffic-verdict')).toContainText('도달 불가');
  await app.screenshot('analysis-korean');
  await page.getByTestId('lang').click();
  expect(app.errors).toEqual([]);
});
