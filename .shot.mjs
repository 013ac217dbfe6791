import { chromium } from 'playwright-core'
const [,, url, name] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
for (const width of [1280, 320]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  await page.goto(url, { timeout: 60000 })
  await page.screenshot({ path: `/tmp/abuse/shots/${name}-${width}.png`, fullPage: width === 320 ? false : false })
  await page.close()
}
await browser.close()
