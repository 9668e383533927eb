// Screenshots of what a user sees (docs/images/), taken in a real VS Code (code-server) with the
// packaged extension: a short Problems row, the rule page opened from a diagnostic, the language
// status item, snippets offered while typing, Chinese messages.
// usage: node scripts/editor-screenshots.cjs <workbench-url> <outDir> [zh]
// (scripts/editor-screenshots.sh starts code-server with the .vsix and calls this; `npm run
//  test:editor` runs it for English and Chinese and copies the PNGs to docs/images/ when every
//  step passed; playwright-core and Chromium come from scripts/editor/install-code-server.sh)
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, outDir, mode] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const results = [];

(async () => {
  const t0 = Date.now();
  const lap = (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chr-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const shot = async (name) => {
    await page.screenshot({ path: path.join(outDir, name) });
    lap('screenshot ' + name);
  };
  const step = async (name, fn) => {
    try {
      await fn();
      results.push([name, true]);
      lap('✔ ' + name);
    } catch (e) {
      results.push([name, false, e.message.split('\n')[0]]);
      lap('✘ ' + name + ': ' + e.message.split('\n')[0]);
      await page.keyboard.press('Escape').catch(() => {});
    }
  };
  const palette = async (text) => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 30000 });
    await page.keyboard.type(text);
    await page.waitForTimeout(700);
    await page.keyboard.press('Enter');
  };
  const openFile = async (name) => {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: 120000 });
    await row.click();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60000 });
  };
  try {
    await page.goto(url, { timeout: 180000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    await palette('View: Close Secondary Side Bar').catch(() => {});
    await openFile('deployment-hostpath-shared.yaml');
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info').first().waitFor({ timeout: 120000 });

    if (mode === 'zh') {
      await step('Chinese messages from the catalog in the Problems panel', async () => {
        await palette('View: Focus Problems');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: /的多个 Pod 写入同一 hostPath/ }).first();
        await row.waitFor({ timeout: 60000 });
        lap('row: ' + (await row.innerText()).replace(/\s+/g, ' '));
        await shot('vscode-messages-zh.png');
      });
    } else {
      await step('a short Problems row', async () => {
        await palette('View: Focus Problems');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'is written by several pods of Deployment' }).first();
        await row.waitFor({ timeout: 60000 });
        lap('row: ' + (await row.innerText()).replace(/\s+/g, ' '));
        await shot('vscode-problems-short.png');
      });
      await step('the language status item (file kind, link to the output)', async () => {
        await page.locator('.monaco-editor .view-lines').first().click();
        const item = page.locator('.statusbar-item[id*="languageStatus"], .statusbar-item.language-status, [id="status.languageStatus"]').first();
        await item.waitFor({ timeout: 30000 });
        await item.click();
        await page.locator('.language-status-hover, .hover-contents', { hasText: 'Logtail Lint' }).first().waitFor({ timeout: 30000 });
        await page.locator('.language-status-hover, .hover-contents', { hasText: 'Kubernetes manifest' }).first().waitFor({ timeout: 30000 });
        await shot('vscode-status-item.png');
        await page.keyboard.press('Escape');
      });
      await step('the rule page opens from a diagnostic (code action "Show documentation")', async () => {
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'is written by several pods' }).first().click();
        await page.waitForTimeout(500);
        await palette('Quick Fix');
        const item = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Show documentation for k8s/hostpath-shared-by-pods' }).first();
        await item.waitFor({ timeout: 30000 });
        await shot('vscode-code-actions.png');
        await item.click();
        await page.locator('.tab', { hasText: 'Preview hostpath-shared-by-pods.md' }).first().waitFor({ timeout: 60000 });
        // the preview is a webview: wait until its frame shows the page's heading
        const deadline = Date.now() + 60000;
        let rendered = false;
        while (!rendered && Date.now() < deadline) {
          for (const f of page.frames()) if (await f.locator('h1', { hasText: 'k8s/hostpath-shared-by-pods' }).count().catch(() => 0)) rendered = true;
          if (!rendered) await page.waitForTimeout(500);
        }
        if (!rendered) throw new Error('the Markdown preview did not render the rule page');
        await page.waitForTimeout(1000);
        await shot('vscode-rule-docs.png');
      });
      await step('the hover of the flagged range explains the finding and links the rule page', async () => {
        await openFile('deployment-hostpath-shared.yaml');
        const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
        await squiggle.waitFor({ timeout: 60000 });
        await squiggle.hover({ force: true });
        const hover = page.locator('.monaco-hover', { hasText: 'Documentation of k8s/hostpath-shared-by-pods' }).first();
        await hover.waitFor({ timeout: 30000 });
        await page.waitForTimeout(500);
        await shot('vscode-hover.png');
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
      });
      await step('snippets offered while typing the prefix (JSON)', async () => {
        await openFile('new.json');
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.type('logtail-conf', { delay: 80 });
        const suggest = page.locator('.suggest-widget .monaco-list-row', { hasText: 'logtail-config-' }).first();
        await suggest.waitFor({ timeout: 30000 });
        await page.waitForTimeout(800);
        await shot('vscode-snippets-json.png');
        await page.keyboard.press('Escape');
        // the typed prefix is no JSON: remove it, so that VS Code's own JSON error is not in the next pictures
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
      });
      await step('snippets offered while typing the prefix (YAML)', async () => {
        await openFile('new.yaml');
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.type('k8s-deploy', { delay: 80 });
        const suggest = page.locator('.suggest-widget .monaco-list-row', { hasText: 'k8s-deployment' }).first();
        await suggest.waitFor({ timeout: 30000 });
        await page.waitForTimeout(800);
        await shot('vscode-snippets.png');
        await page.keyboard.press('Escape');
      });
    }
  } catch (e) {
    results.push(['workbench', false, e.message.split('\n')[0]]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'logtail-lint-screenshots-failure.png') }).catch(() => {});
    console.log('failure screenshot: ' + path.join(os.tmpdir(), 'logtail-lint-screenshots-failure.png'));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
    const failed = results.filter((r) => !r[1]);
    for (const r of results) console.log(`${r[1] ? 'PASS' : 'FAIL'} ${r[0]}${r[2] ? ' — ' + r[2] : ''}`);
    console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
    process.exit(failed.length ? 1 : 0);
  }
})();
