import { expect, test, type Page } from "@playwright/test";

import { newTeamMember } from "./support";

// From the profile to a downloaded ARCHITECTURE.md that names the stack: with JavaScript on and
// off, as a new team would walk it.
const suffix = `${Date.now()}`;

async function hydrated(page: Page, javaScriptEnabled: boolean) {
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
}

async function answer(page: Page, question: string, option: string | RegExp) {
  const card = page.locator("article.question", { has: page.getByRole("group", { name: question }) });
  await card.getByRole("radio", { name: option }).first().check();
  await card.getByRole("button", { name: "Save answer" }).click();
  await expect(card.locator(".risk-panel")).toBeVisible();
  return card;
}

async function openTopic(page: Page, title: string, javaScriptEnabled: boolean) {
  await page.locator(".topic-steps").getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await hydrated(page, javaScriptEnabled);
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  const shot = javaScriptEnabled ? "js" : "no-js";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled, viewport: { width: 1400, height: 900 } });

    test(`a team's skills become a named stack in ARCHITECTURE.md ${mode}`, async ({ page }) => {
      const name = `Stack ${mode} ${suffix}`;
      await newTeamMember(page, `Stack ${mode}`);
      await hydrated(page, javaScriptEnabled);
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Create project" }).click();
      // A new project opens at once.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await page.getByRole("link", { name: "Project profile" }).click();
      await hydrated(page, javaScriptEnabled);

      await page.getByLabel("How many people build the product?").fill("4");
      for (const skill of ["TypeScript / JavaScript", "React", "PostgreSQL"]) {
        await page.locator(".skills").getByLabel(skill, { exact: true }).check();
      }
      await page.getByLabel(/^Other languages, frameworks/).fill("Tailwind");
      await page.getByLabel("Users expected in the first year").fill("20000");
      await page.getByLabel(/^Modest/).check();
      await page.getByLabel(/^Relational/).check();
      await page.getByLabel("In one to three months").check();
      await page.getByLabel("Web", { exact: true }).check();
      await page.screenshot({ path: `screenshots/stack-profile-${shot}.png`, fullPage: true });
      await page.getByRole("button", { name: "Save profile and continue" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Core principles");
      await hydrated(page, javaScriptEnabled);

      await openTopic(page, "Frontend", javaScriptEnabled);
      const library = page.locator("article.question", { has: page.getByRole("group", { name: "Which framework will the web client be built with?" }) });
      // The skills lead: React is recommended, and the reason says why.
      await expect(library.locator(".recommendation")).toContainText("React");
      await answer(page, "Which framework will the web client be built with?", /^React/);

      await openTopic(page, "Backend and its layers", javaScriptEnabled);
      await answer(page, "Which language will the backend be written in?", /^TypeScript/);
      await page.reload();
      await hydrated(page, javaScriptEnabled);
      // Frameworks of other languages no longer fit, and say so.
      const framework = page.locator("article.question", { has: page.getByRole("group", { name: "Which backend framework will you build on?" }) });
      await expect(framework.locator(".unfit-options summary")).toContainText("do not fit your earlier answers");
      await expect(framework.locator(".recommendation")).toContainText("NestJS");
      await page.screenshot({ path: `screenshots/stack-backend-topic-${shot}.png`, fullPage: true });
      await answer(page, "Which backend framework will you build on?", "NestJS");

      await openTopic(page, "Database strategy", javaScriptEnabled);
      await answer(page, "Which database product will hold the data?", "PostgreSQL");
      await answer(page, "Where will the database run?", "Supabase");
      await page.getByRole("button", { name: "Write the decision record" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^ADR-\d{4} Use PostgreSQL on Supabase as the main database$/);
      await expect(page.locator(".adr-meta").first()).toContainText("Proposed on");
      await page.screenshot({ path: `screenshots/stack-adr-${shot}.png`, fullPage: true });

      await page.goto(page.url().replace(/\/decisions\/\d+$/, "/results"));
      await expect(page.getByRole("heading", { name: "Results" })).toBeVisible();
      await page.screenshot({ path: `screenshots/stack-results-${shot}.png`, fullPage: true });

      await page.goto(page.url().replace("/results", "/architecture"));
      const stack = page.locator(".stack-table");
      await expect(stack).toContainText("React");
      await expect(stack).toContainText("NestJS (TypeScript)");
      await expect(stack).toContainText("PostgreSQL on Supabase");
      await page.screenshot({ path: `screenshots/stack-architecture-${shot}.png`, fullPage: true });

      const href = await page.getByRole("link", { name: "Download ARCHITECTURE.md" }).getAttribute("href");
      const document = await (await page.request.get(href!)).text();
      for (const named of ["| Frontend | React", "| Backend | NestJS (TypeScript)", "| Database | PostgreSQL on Supabase | [ADR-", "`DATABASE_URL`", "## First week"]) {
        expect(document).toContain(named);
      }
    });
  });
}
