// Browser scenarios for the Wegwijzer widget, in Debian's headless Chromium via playwright-core.
// Run by widget/tests/test_widget_browser.py:  node browser.mjs <scenario>
// Configuration comes from the environment (set by the pytest fixture):
//   WW_WEB (widget page), WW_RASA (Rasa as the page sees it), WW_EXIT (neutral site),
//   WW_BEDIENING (proxy control), WW_SCREENSHOTS (folder for screenshots, optional)
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const WEB = process.env.WW_WEB;
const RASA = process.env.WW_RASA;
const EXIT = process.env.WW_EXIT;
const BEDIENING = process.env.WW_BEDIENING;
const SHOTS = process.env.WW_SCREENSHOTS;
const WACHT = 45000; // a reply from Rasa on a busy 2-core machine

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  // Without these Chromium phones home; this machine's network refuses that.
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function stap(tekst) { console.log(`- ${tekst}`); }

async function nieuwePagina(browser, opties = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opties });
  const page = await context.newPage();
  const fouten = [];
  const verzoeken = [];
  page.on("console", (m) => { if (m.type() === "error") fouten.push(m.text()); });
  page.on("pageerror", (e) => fouten.push(String(e)));
  page.on("dialog", async (d) => { fouten.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on("request", (r) => verzoeken.push(r.url()));
  return { context, page, fouten, verzoeken };
}

const veld = (page) => page.getByLabel("Jouw bericht");
const botBellen = (page) => page.locator(".ww-bot .ww-bel");

async function typ(page, tekst) {
  await veld(page).focus();
  await page.keyboard.type(tekst);
  await page.keyboard.press("Enter");
}

async function wachtOpBot(page, tekst) {
  await botBellen(page).filter({ hasText: tekst }).first().waitFor({ timeout: WACHT });
}

async function wachtOpKnop(page, naam) {
  const knop = page.locator(".ww-knoppen").getByRole("button", { name: naam, exact: true });
  await knop.waitFor({ timeout: WACHT });
  return knop;
}

async function wachtOpSessie(page) {
  await page.locator('.ww[data-sessie="klaar"]').waitFor({ timeout: WACHT });
}

async function axe(page, wat) {
  // page.evaluate runs outside the page's CSP, so axe can be injected without loosening it.
  await page.evaluate(AXE);
  const uitslag = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  }));
  const fouten = uitslag.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  assert.deepEqual(fouten, [], `axe-core vond overtredingen (${wat}):\n${fouten.join("\n")}`);
  stap(`axe-core: 0 overtredingen (${wat}, ${uitslag.passes.length} regels geslaagd)`);
}

function alleenEigenVerzoeken(verzoeken, extra = []) {
  const toegestaan = [new URL(WEB).origin, new URL(RASA).origin, ...extra];
  const vreemd = verzoeken.filter((u) => !u.startsWith("data:") && !toegestaan.includes(new URL(u).origin));
  assert.deepEqual(vreemd, [], "verzoeken naar andere servers");
}

async function geenHorizontaalScrollen(page, breedte) {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= breedte, `pagina is ${sw}px breed bij ${breedte}px: horizontaal scrollen`);
}

async function screenshot(page, naam, volledig = false) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${naam}`, fullPage: volledig, animations: "disabled", caret: "hide" });
  stap(`screenshot ${SHOTS}/${naam}`);
}

// ---- Scenarios ---------------------------------------------------------------------------------

const scenarios = {
  // A whole conversation, typed and clicked, up to a referral; reload; XSS; axe; 320 px; zoom.
  async gesprek(browser) {
    const { context, page, fouten, verzoeken } = await nieuwePagina(browser);
    await page.goto(WEB);
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    const privacy = await page.locator(".ww-privacy").innerText();
    for (const w of ["computer", "112", "tabblad"]) assert.ok(privacy.includes(w), `privacyregel mist "${w}"`);
    await wachtOpSessie(page);
    await axe(page, "lege widget");

    // Keyboard only: the tab order reaches every control, each with a visible focus ring.
    const volgorde = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      volgorde.push(await page.evaluate(() => {
        const a = document.activeElement;
        const s = getComputedStyle(a);
        return { naam: a.getAttribute("aria-label") || a.labels?.[0]?.textContent || a.textContent.trim(),
                 ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 };
      }));
    }
    stap(`tabvolgorde: ${volgorde.map((v) => v.naam).join(" → ")}`);
    assert.deepEqual(volgorde.map((v) => v.naam),
      ["Snel weg of druk 2× op Esc", "Gesprek", "Jouw bericht", "Stuur", "Gesprek wissen"]);
    assert.ok(volgorde.every((v) => v.ring), "niet elk element heeft een zichtbare focusrand");

    // The typing indicator must show between sending and the answer.
    await page.evaluate(() => {
      const t = document.querySelector(".ww-typt");
      window.__typtGezien = false;
      new MutationObserver(() => { if (!t.hidden) window.__typtGezien = true; })
        .observe(t, { attributes: true, attributeFilter: ["hidden"] });
    });
    // Focus is on the send button after five tabs: go back to the field, type, Enter.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.type("hoi");
    await page.keyboard.press("Enter");
    stap("getypt: hoi (Enter)");
    for (const k of ["Leerling", "Ouder of verzorger", "Ik werk op school"]) await wachtOpKnop(page, k);
    assert.ok(await page.evaluate(() => window.__typtGezien), "typindicator niet getoond");
    assert.ok(await veld(page).evaluate((e) => e === document.activeElement), "focus niet terug in het invoerveld");

    await (await wachtOpKnop(page, "Leerling")).click();
    stap("geklikt: Leerling");
    await page.locator(".ww-jij .ww-bel", { hasText: "Leerling" }).waitFor();
    // Wait for the bot to answer the click before typing on.
    await page.waitForFunction(() => document.querySelector(".ww-gesprek").lastElementChild.matches(".ww-bot, .ww-knoppen"), null, { timeout: WACHT });
    await typ(page, "ze schelden me uit");
    stap("getypt: ze schelden me uit");
    await wachtOpKnop(page, "Middelbare school");
    await (await wachtOpKnop(page, "Basisschool")).click();
    stap("geklikt: Basisschool");
    await wachtOpBot(page, "Neem alleen de stappen waar jij je veilig bij voelt.");
    await wachtOpBot(page, "Kindertelefoon");
    const tel = page.locator('.ww-bot a[href="tel:08000432"]').first();
    assert.equal(await tel.innerText(), "0800-0432");
    stap("verwijzing: Kindertelefoon, 0800-0432 als tel:-link, 'Neem alleen de stappen…'");
    for (const href of await page.locator(".ww-bel a").evaluateAll((as) => as.map((a) => a.href))) {
      assert.match(href, /^(https?:|tel:)/, `link met ander schema: ${href}`);
    }
    await page.waitForTimeout(500); // let late bubbles settle before counting
    await page.mouse.move(0, 0);
    await screenshot(page, "widget-desktop.png", true);
    await axe(page, "na de verwijzing");

    // Reload: the same conversation is back, and the same session goes on at the server.
    const voor = await page.locator(".ww-bericht").allInnerTexts();
    const sessie = await page.evaluate(() => JSON.parse(sessionStorage.getItem("wegwijzer:gesprek")).sessieId);
    await page.reload();
    await wachtOpSessie(page);
    assert.deepEqual(await page.locator(".ww-bericht").allInnerTexts(), voor, "gesprek na herladen anders");
    assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem("wegwijzer:gesprek")).sessieId), sessie);
    stap(`herladen: ${voor.length} berichten terug, sessie ${sessie.slice(0, 8)}… blijft`);

    // Rendered as text, never as HTML.
    const aanval = "<img src=x onerror=alert(1)>";
    await typ(page, aanval);
    const bel = page.locator(".ww-jij .ww-bel").last();
    assert.equal(await bel.textContent(), "Jij: " + aanval);
    assert.equal(await bel.evaluate((e) => e.querySelectorAll("*").length), 1, "HTML in de bel (alleen de 'Jij:'-span hoort er)");
    assert.equal(await page.locator(".ww img").count(), 0, "er is een <img> gemaakt");
    await page.waitForTimeout(1500);
    stap("XSS-bericht staat er als tekst; geen img, geen alert");

    // Mobile: 320 px wide, and 200% zoom of a 1280 px window (= 640 CSS px).
    await page.emulateMedia({ reducedMotion: "reduce" });
    assert.equal(await page.locator(".ww-stip").first().evaluate((e) => getComputedStyle(e).animationName), "none",
      "animatie loopt door bij prefers-reduced-motion");
    await page.setViewportSize({ width: 640, height: 450 });
    await geenHorizontaalScrollen(page, 640);
    await page.setViewportSize({ width: 320, height: 640 });
    await geenHorizontaalScrollen(page, 320);
    await axe(page, "320 px");
    stap("320 px en 200% zoom: geen horizontaal scrollen");

    const cookies = await context.cookies();
    assert.deepEqual(cookies, [], "cookies gezet");
    assert.equal(await page.evaluate(() => document.cookie), "");
    alleenEigenVerzoeken(verzoeken);
    assert.deepEqual(fouten, [], "fouten in de console (CSP?)");
    stap(`geen cookies; ${verzoeken.length} verzoeken, alle naar de eigen servers; console schoon`);
    await context.close();
  },

  // The 320 px screenshot: a fresh conversation up to the school-type question.
  async mobiel(browser) {
    const { context, page, fouten } = await nieuwePagina(browser, {
      viewport: { width: 320, height: 720 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    await page.goto(WEB);
    await wachtOpSessie(page);
    await typ(page, "hoi");
    await (await wachtOpKnop(page, "Leerling")).click();
    await page.waitForFunction(() => document.querySelector(".ww-gesprek").lastElementChild.matches(".ww-bot, .ww-knoppen"), null, { timeout: WACHT });
    await typ(page, "ze schelden me uit");
    await wachtOpKnop(page, "Basisschool");
    await geenHorizontaalScrollen(page, 320);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await screenshot(page, "widget-320.png", true);
    assert.deepEqual(fouten, []);
    await context.close();
  },

  // A dropped connection: the conversation stays on screen and goes on in the same session.
  async herverbinden(browser) {
    const { context, page, fouten } = await nieuwePagina(browser);
    await page.goto(WEB);
    await wachtOpSessie(page);
    await typ(page, "hoi");
    await (await wachtOpKnop(page, "Leerling")).click();
    await page.waitForFunction(() => document.querySelector(".ww-gesprek").lastElementChild.matches(".ww-bot, .ww-knoppen"), null, { timeout: WACHT });
    const voor = await page.locator(".ww-bericht").count();
    await page.evaluate(() => {
      window.__offline = false;
      new MutationObserver(() => { if (document.querySelector(".ww").classList.contains("ww-offline")) window.__offline = true; })
        .observe(document.querySelector(".ww"), { attributes: true });
    });
    const verbroken = Number(await (await fetch(`${BEDIENING}/verbreek`)).text());
    assert.ok(verbroken >= 1, "geen open verbinding om te verbreken");
    stap(`${verbroken} verbinding(en) verbroken`);
    await page.waitForFunction(() => window.__offline, null, { timeout: 10000 });
    stap("widget merkt het: status 'verbinding even weg'");
    await wachtOpSessie(page);
    stap("opnieuw verbonden");
    assert.equal(await page.locator(".ww-bericht").count(), voor, "berichten kwijt na herverbinden");
    await typ(page, "ze schelden me uit");
    await wachtOpKnop(page, "Basisschool");
    stap("gesprek gaat door in dezelfde sessie (vraagt nu naar het soort school)");
    // Chromium logs the cut websocket as a console error; that is the point of this test.
    assert.deepEqual(fouten.filter((f) => !/WebSocket|ERR_CONNECTION|ERR_EMPTY_RESPONSE|socket\.io/.test(f)), []);
    await context.close();
  },

  // Snel weg, by button and by Escape twice: leave with location.replace, Back does not return.
  async snelweg(browser) {
    for (const manier of ["knop", "escape"]) {
      const { context, page } = await nieuwePagina(browser);
      await page.goto(WEB);
      await wachtOpSessie(page);
      await typ(page, "hoi");
      await wachtOpKnop(page, "Leerling");
      assert.ok(await page.evaluate(() => sessionStorage.getItem("wegwijzer:gesprek")));
      const begin = Date.now();
      if (manier === "knop") {
        await page.getByRole("button", { name: /Snel weg/ }).click();
      } else {
        await page.keyboard.press("Escape");
        await page.waitForTimeout(1200);
        assert.equal(page.url(), WEB + "/", "één keer Escape mag nog niet weggaan");
        await page.keyboard.press("Escape");
        await page.keyboard.press("Escape");
      }
      await page.waitForURL(EXIT, { timeout: 10000 });
      stap(`snel weg (${manier}): op ${page.url()} na ${Date.now() - begin} ms`);
      await page.goBack().catch(() => {});
      await page.waitForTimeout(500);
      assert.notEqual(new URL(page.url()).origin, new URL(WEB).origin, "Terug keert terug naar de chat");
      stap(`Terug: ${page.url()} (niet de chat)`);
      // Back on the chat site in the same tab: nothing of the conversation is left.
      await page.goto(WEB);
      await wachtOpSessie(page);
      assert.equal(await page.locator(".ww-bericht").count(), 0, "gesprek nog zichtbaar na Snel weg");
      const opgeslagen = await page.evaluate(() => JSON.parse(sessionStorage.getItem("wegwijzer:gesprek")));
      assert.deepEqual(opgeslagen.berichten, [], "gesprek nog opgeslagen na Snel weg");
      stap("opslag gewist");
      await context.close();
    }
  },

  // Gesprek wissen: the conversation is gone from screen and storage, and a new session starts.
  async wissen(browser) {
    const { context, page, fouten } = await nieuwePagina(browser);
    await page.goto(WEB);
    await wachtOpSessie(page);
    await typ(page, "hoi");
    await wachtOpKnop(page, "Leerling");
    const oud = await page.evaluate(() => JSON.parse(sessionStorage.getItem("wegwijzer:gesprek")).sessieId);
    await page.getByRole("button", { name: "Gesprek wissen" }).click();
    assert.equal(await page.locator(".ww-bericht, .ww-knoppen").count(), 0);
    await wachtOpSessie(page);
    const nieuw = await page.evaluate(() => JSON.parse(sessionStorage.getItem("wegwijzer:gesprek")));
    assert.notEqual(nieuw.sessieId, oud, "na wissen nog dezelfde sessie");
    assert.deepEqual(nieuw.berichten, []);
    await page.reload();
    await wachtOpSessie(page);
    assert.equal(await page.locator(".ww-bericht").count(), 0, "gesprek terug na herladen");
    stap(`gewist: scherm leeg, nieuwe sessie ${nieuw.sessieId.slice(0, 8)}…, ook na herladen`);
    // The new session really is new at the server: it asks who is talking again.
    await typ(page, "hoi");
    await wachtOpKnop(page, "Leerling");
    assert.deepEqual(fouten, []);
    await context.close();
  },

  // A page on an origin Rasa does not allow cannot talk to it (CORS on the polling transport).
  async vreemdeOorsprong(browser) {
    const { context, page } = await nieuwePagina(browser);
    const anders = WEB.replace("127.0.0.1", "localhost");
    await page.goto(anders);
    await page.waitForTimeout(4000);
    assert.equal(await page.locator('.ww[data-sessie="klaar"]').count(), 0, "vreemde oorsprong kreeg een sessie");
    stap(`${anders} (niet in --cors) krijgt geen verbinding`);
    await context.close();
  },
};

const naam = process.argv[2];
if (!scenarios[naam]) {
  console.error(`onbekend scenario ${naam}; kies uit ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
try {
  await scenarios[naam](browser);
  console.log(`OK ${naam}`);
} finally {
  await browser.close();
}
