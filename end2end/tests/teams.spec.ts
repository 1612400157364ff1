import { expect, test } from "@playwright/test";

import { PASSWORD } from "./support";

const suffix = `${Date.now()}`;

test("an owner invites a viewer, who sees the team's project but cannot edit it", async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();

  // Sign up through the form, start a team and a project.
  await page.goto("/sign-up");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("E-mail").fill(`owner-${suffix}@example.com`);
  await page.getByLabel(/Your name/).fill("Olga Owner");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your teams" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Olga Owner");

  await page.getByLabel("Team name").fill(`Orbit ${suffix}`);
  await page.getByRole("button", { name: "Create team" }).click();
  await page.getByRole("link", { name: `Orbit ${suffix}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Orbit ${suffix}`);
  await page.getByLabel("Name", { exact: true }).fill("Launch plan");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Launch plan");
  await page.goBack();
  await page.reload();
  await expect(page.getByRole("link", { name: "Launch plan" })).toBeVisible();

  await page.getByLabel("Role", { exact: true }).last().selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invitations\/[0-9a-f]{64}$/);
  await page.screenshot({ path: "screenshots/team-owner.png", fullPage: true });

  // The second person follows the link in a browser of their own, creates an account on the way.
  const guest = await browser.newContext();
  const second = await guest.newPage();
  await second.goto(link);
  await expect(second).toHaveURL(/\/sign-in\?next=/);
  await second.getByRole("link", { name: "Create an account" }).click();
  await second.getByLabel("E-mail").fill(`viewer-${suffix}@example.com`);
  await second.getByLabel(/Your name/).fill("Vic Viewer");
  await second.getByLabel(/^Password/).fill(PASSWORD);
  await second.getByRole("button", { name: "Create account" }).click();
  await expect(second.getByRole("heading", { name: `Join Orbit ${suffix}` })).toBeVisible();
  await second.getByRole("button", { name: "Join the team" }).click();
  await expect(second.getByRole("heading", { level: 1 })).toHaveText(`Orbit ${suffix}`);

  // A viewer reads the project but gets no forms to change it.
  await expect(second.getByRole("heading", { name: "Start a project" })).toHaveCount(0);
  await second.getByRole("link", { name: "Launch plan" }).click();
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("Launch plan");
  await expect(second.getByText("You can read this project")).toBeVisible();
  await expect(second.getByRole("button", { name: "Save" })).toHaveCount(0);
  await second.screenshot({ path: "screenshots/team-viewer.png", fullPage: true });

  // The link worked once.
  const reused = await browser.newContext();
  const third = await reused.newPage();
  await third.goto("/sign-up");
  await third.getByLabel("E-mail").fill(`late-${suffix}@example.com`);
  await third.getByLabel(/^Password/).fill(PASSWORD);
  await third.getByRole("button", { name: "Create account" }).click();
  await expect(third.getByRole("heading", { name: "Your teams" })).toBeVisible();
  await third.goto(link);
  await expect(third.getByText("already been used")).toBeVisible();

  // The owner sees the new member.
  await page.reload();
  await expect(page.getByText("Vic Viewer")).toBeVisible();
  await owner.close();
  await guest.close();
  await reused.close();
});

test("signing out ends the session", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("E-mail").fill(`leaver-${suffix}@example.com`);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your teams" })).toBeVisible();
  await page.getByRole("link", { name: "leaver-" + suffix }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F|\/sign-in\?next=\//);
});
