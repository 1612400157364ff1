import { expect, test, type Page } from "@playwright/test";

import { newTeamMember } from "./support";

// Each run gets names of its own, so the tests do not depend on what an earlier run left.
const suffix = `${Date.now()}`;

async function createProject(page: Page, name: string, description: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/One-line description/).fill(description);
  await page.getByRole("button", { name: "Create project" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test(`creates, renames and deletes a project ${mode}`, async ({ page }) => {
      const name = `Checkout ${mode} ${suffix}`;
      const renamed = `Payments ${mode} ${suffix}`;

      await newTeamMember(page, `Projects ${mode}`);
      await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));

      // Creating a project opens it.
      await createProject(page, name, "Where customers pay");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      const teamPage = page.locator(".breadcrumb a").first();
      await teamPage.click();
      const link = page.getByRole("link", { name });
      await expect(link).toBeVisible();

      // A second project with the same name (in other case) is refused at the field,
      // and what was typed stays in the form.
      await createProject(page, name.toUpperCase(), "A twin");
      await expect(page.locator("#name-error")).toContainText("already has a project named");
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name.toUpperCase());
      await expect(page.getByLabel(/One-line description/)).toHaveValue("A twin");
      await expect(page.getByRole("link", { name: name.toUpperCase(), exact: true })).toHaveCount(0);

      await page.getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

      if (javaScriptEnabled) {
        // An empty name is refused by the server too (the browser's own check is lifted here);
        // the description typed alongside it is kept.
        await page.getByLabel("Name", { exact: true }).evaluate((input) => input.removeAttribute("required"));
        await page.getByLabel("Name", { exact: true }).fill("   ");
        await page.getByLabel("One-line description").fill("Still here");
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page.locator("#name-error")).toContainText("Give the project a name");
        await expect(page.getByLabel("One-line description")).toHaveValue("Still here");
      }

      await page.getByLabel("Name", { exact: true }).fill(renamed);
      await page.getByLabel("One-line description").fill("Where money moves");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(renamed);

      await page.screenshot({ path: `screenshots/project-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });

      await page.getByText("Delete this project").click();
      await page.getByRole("button", { name: "Delete project" }).click();
      await expect(page).toHaveURL(/\/teams\/\d+$/);
      await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
      await page.screenshot({ path: `screenshots/projects-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });
    });
  });
}

test("an unknown address shows the not-found page with status 404", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("an unknown project answers 404", async ({ page }) => {
  await newTeamMember(page, "Lost");
  const response = await page.goto("/projects/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("The project was not found")).toBeVisible();
});
