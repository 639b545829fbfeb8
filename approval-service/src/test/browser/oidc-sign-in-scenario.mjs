// Signs in to the approval page through the OIDC provider's login form (Authorization Code flow with PKCE),
// waits for an episode to appear in the queue and approves it. OidcSignInTest feeds the episode once this
// prints SIGNED_IN. Usage: node oidc-sign-in-scenario.mjs <base url> <chromium path> <episode id> <user>; the
// password is read from the NOESIS_PASSWORD environment variable so that it never shows in a process list.
import { chromium } from 'playwright-core';

const [baseUrl, chromiumPath, episodeId, user] = process.argv.slice(2);
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

  await page.click('#oidc-sign-in', WAIT);
  // The provider's own login form (Keycloak's field ids), on the provider's address.
  await page.waitForSelector('#username', WAIT);
  check(!page.url().startsWith(baseUrl), `the login form is not the provider's: ${page.url()}`);
  check(new URL(page.url()).searchParams.get('code_challenge_method') === 'S256', 'the sign-in does not use PKCE');
  await page.fill('#username', user);
  await page.fill('#password', process.env.NOESIS_PASSWORD);
  await page.click('#kc-login');

  await page.waitForSelector('#queue', { state: 'visible', ...WAIT });
  check(page.url() === baseUrl, `the page kept the provider's answer in its address: ${page.url()}`);
  const who = await page.textContent('#who');
  check(who === `Signed in as ${user}`, `the page shows another identity: ${who}`);
  console.log('SIGNED_IN');

  const row = page.locator(`#pending tbody tr[data-episode-id="${episodeId}"]`);
  await row.waitFor({ state: 'visible', ...WAIT });
  await row.click();
  await page.waitForSelector('#detail', { state: 'visible', ...WAIT });
  await page.fill('#reason', 'checked with the owner');
  await page.click('#approve');
  await row.waitFor({ state: 'detached', ...WAIT }).catch(async (error) => {
    throw new Error(`the episode stayed in the queue; the page said: ${await page.textContent('#decision-result')}`,
      { cause: error });
  });
  const settled = page.locator(`#history tbody tr[data-episode-id="${episodeId}"]`);
  await settled.waitFor({ state: 'visible', ...WAIT });
  const history = await settled.innerText();
  check(history.includes('APPROVED') && history.includes(user), `the history row is wrong: ${history}`);
  console.log('APPROVED');
} finally {
  await browser.close();
}
