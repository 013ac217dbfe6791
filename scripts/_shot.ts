import { chromium } from 'playwright-core'
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const p = await b.newPage()
await p.goto(process.argv[2])
await p.screenshot({ path: '/tmp/shot.png', fullPage: true })
console.log(
  await p.evaluate(() => {
    const a = document.querySelector('a[href$="register"]')!
    const s = getComputedStyle(a)
    const h = getComputedStyle(document.querySelector('.govuk-header')!)
    return [s.color, s.backgroundColor, h.backgroundColor].join(' | ')
  }),
)
await b.close()
