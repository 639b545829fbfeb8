// Signs in to the approval page, waits for an episode to appear in the queue, rejects it with a reason and
// sees it leave the queue for the decided history. WebPageTest feeds the episode once this prints SIGNED_IN.
// Usage: node reject-scenario.mjs <base url> <chromium path> <episode id> <task> <advice> <reason>; the token is read
// from the NOESIS_TOKEN environment variable so that it never shows in a process list.
import { chromium } from 'playwright-core';

const [baseUrl, chromiumPath, episodeId, task, advice, reason] = process.argv.slice(2);
const WAIT = { timeout: 30_000 };

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(baseUrl);

  await page.fill('#token', process.env.NOESIS_TOKEN);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#queue', { state: 'visible', ...WAIT });
  console.log('SIGNED_IN');

  const row = page.locator(`#pending tbody tr[data-episode-id="${episodeId}"]`);
  await row.waitFor({ state: 'visible', ...WAIT });
  const queued = await row.innerText();
  check(queued.includes(task) && queued.includes(advice), `the queue row lacks the task or the advice: ${queued}`);

  await row.click();
  await page.waitForSelector('#detail', { state: 'visible', ...WAIT });
  check(await page.textContent('#detail-task') === task, 'the detail view shows another task');

  await page.click('#reject');
  check(await page.textContent('#decision-result') === 'A rejection needs a reason.',
    'a rejection without a reason was not stopped');

  await page.fill('#reason', reason);
  await page.click('#reject');
  await row.waitFor({ state: 'detached', ...WAIT });
  const settled = page.locator(`#history tbody tr[data-episode-id="${episodeId}"]`);
  await settled.waitFor({ state: 'visible', ...WAIT });
  const history = await settled.innerText();
  check(history.includes('REJECTED') && history.includes(reason), `the history row is wrong: ${history}`);
  console.log('REJECTED');
} finally {
  await browser.close();
}
