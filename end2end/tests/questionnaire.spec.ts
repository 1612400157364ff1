import { expect, test, type Page } from "@playwright/test";

import { newTeamMember } from "./support";

const suffix = `${Date.now()}`;

async function hydrated(page: Page, javaScriptEnabled: boolean) {
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
}

async function answerQuestion(page: Page, question: string, option: string) {
  const card = page.locator("article.question", { has: page.getByRole("group", { name: question }) });
  await card.getByRole("radio", { name: option }).check();
  await card.getByRole("button", { name: "Save answer" }).click();
  await expect(card.locator(".risk-panel")).toBeVisible();
  return card;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test(`fills the profile, answers three topics and sees the risks ${mode}`, async ({ page }) => {
      await newTeamMember(page, `Questionnaire ${mode}`);
      await hydrated(page, javaScriptEnabled);
      await page.getByLabel("Name", { exact: true }).fill(`Questionnaire ${mode} ${suffix}`);
      await page.getByRole("button", { name: "Create project" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Questionnaire ${mode} ${suffix}`);
      await page.getByRole("link", { name: "Project profile" }).click();

      // The profile: a team of three, web only, bootstrapped.
      await page.getByLabel("How many people build the product?").fill("3");
      await page.locator(".skills").getByLabel("TypeScript / JavaScript", { exact: true }).check();
      await page.getByLabel(/^Other languages, frameworks/).fill("Tailwind");
      await page.getByLabel("Users expected in the first year").fill("2000");
      await page.getByLabel(/^Bootstrapped/).check();
      await page.getByLabel(/^Relational/).check();
      await page.getByLabel("In one to three months").check();
      await page.getByLabel("Web", { exact: true }).check();
      await page.getByRole("button", { name: "Save profile and continue" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Core principles");
      // The recommendation is shown before answering, and follows the profile.
      await expect(page.locator(".recommendation").first()).toContainText("Low cost");

      await answerQuestion(page, "When two goals conflict, which one wins?", "Simplicity");
      // Skipping a topic moves on to the next one and counts it as done.
      await page.getByRole("link", { name: "Modular design" }).click();
      await page.getByRole("button", { name: "Skip for now" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Monolith or microservices");
      await expect(page.locator(".topic-steps li", { hasText: "Modular design" })).toContainText("Skipped");
      const style = await answerQuestion(page, "What shape will the backend have at launch?", "Microservices");
      await expect(style.locator(".risk-panel")).toContainText("High risk");
      await expect(style.locator(".risk-panel")).toContainText("overengineering");
      // Choosing microservices flags other topics for review.
      await expect(page.locator(".topic-steps li", { hasText: "CI/CD" }).locator(".flag")).toBeVisible();

      await page.getByRole("link", { name: "Authentication and authorisation" }).click();
      await answerQuestion(page, "How will users sign in?", "Our own, written from scratch");
      await answerQuestion(page, "How will permissions be modelled?", "A few roles, checked at the route or controller");

      if (javaScriptEnabled) {
        // With JavaScript a choice is saved as soon as it is made, without pressing Save.
        await page.getByRole("link", { name: "Database strategy" }).click();
        const engine = page.locator("article.question", { has: page.getByRole("group", { name: "What kind of database will hold the product's data?" }) });
        await engine.getByRole("radio", { name: /^A relational database/ }).check();
        await expect(engine.locator(".risk-panel")).toContainText("No risk");
        await page.reload();
        await hydrated(page, javaScriptEnabled);
        await expect(page.getByRole("radio", { name: /^A relational database/ })).toBeChecked();
        await page.getByRole("link", { name: "Authentication and authorisation" }).click();
      }

      // Everything survives a reload.
      await page.reload();
      await hydrated(page, javaScriptEnabled);
      await expect(page.getByRole("radio", { name: "Our own, written from scratch" })).toBeChecked();
      // Core principles and monolith-or-microservices answered, modular design skipped; sign-in
      // still has a question open.
      await expect(page.locator(".progress-summary")).toContainText("3 of 15 topics done");

      await page.getByRole("link", { name: "Results" }).first().click();
      await expect(page.getByRole("heading", { name: "Results" })).toBeVisible();
      await expect(page.locator(".risk-totals")).toContainText("2 high");
      await expect(page.locator(".plan li").first()).toContainText("High risk");
      await page.screenshot({ path: `screenshots/results-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });

      await page.goto(page.url().replace("/results", "/topics/monolith-vs-microservices"));
      await hydrated(page, javaScriptEnabled);
      await expect(page.getByRole("radio", { name: "Microservices" })).toBeChecked();
      await page.screenshot({ path: `screenshots/topic-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });
    });
  });
}
