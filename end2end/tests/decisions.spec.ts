import { expect, test } from "@playwright/test";

import { callServer, newTeamMember } from "./support";

test("answers a topic, records its decision, edits, accepts and supersedes it, finds both", async ({ page }) => {
  const teamPath = await newTeamMember(page, "Decisions");
  const teamId = teamPath.split("/").pop()!;
  const project = await callServer(page.request, "create_project", { team_id: teamId, name: "Marketplace", description: "" });

  // Answer the API topic in the wizard.
  await page.goto(`/projects/${project.id}/topics/api`);
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  const card = page.locator("article.question", { has: page.getByRole("group", { name: "Which API style will the backend offer?" }) });
  await card.getByRole("radio", { name: /REST over JSON/ }).check();
  await card.getByLabel(/Note/).fill("Partners want plain HTTP.");
  await card.getByRole("button", { name: "Save answer" }).click();
  await expect(card.locator(".risk-panel")).toBeVisible();

  // One click drafts the ADR from the answers.
  await page.getByRole("button", { name: "Write the decision record" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ADR-0001 Expose the backend as a REST API over JSON");
  await expect(page.locator(".status")).toHaveText("Proposed");
  await expect(page.locator(".adr-section p", { hasText: 'Chosen option: "REST over JSON", because ' })).toBeVisible();
  await expect(page.locator(".adr-section", { hasText: "Partners want plain HTTP." })).toBeVisible();

  // Edit a section, with a server-rendered preview first.
  await page.getByText("Edit", { exact: true }).click();
  const context = page.getByLabel(/Context and Problem Statement/);
  await context.fill("We serve a **web app** and a partner API.");
  await page.getByRole("button", { name: "Preview" }).first().click();
  await expect(page.locator(".markdown.preview strong")).toHaveText("web app");
  // Decision-makers are picked from the team's members.
  const makers = page.getByLabel(/Decision-makers/);
  await makers.fill("");
  const member = page.locator("#decision_makers-team button").first();
  const memberName = (await member.textContent())!.trim();
  expect(memberName).toMatch(/^decisions-/);
  await member.click();
  await expect(makers).toHaveValue(memberName);
  await page.screenshot({ path: "screenshots/adr-editor.png", fullPage: true });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.locator(".adr-meta").first()).toContainText(`Decision-makers: ${memberName}`);
  await expect(page.locator(".adr-section").first()).toContainText("We serve a web app and a partner API.");

  // Accept it.
  await page.getByRole("button", { name: "Mark accepted" }).click();
  await expect(page.locator(".adr-meta .status")).toHaveText("Accepted");
  await page.screenshot({ path: "screenshots/adr-accepted.png", fullPage: true });

  // A later decision supersedes it.
  await page.goto(`/projects/${project.id}/decisions/new`);
  await page.getByLabel("Title").fill("Offer GraphQL to partners");
  await page.getByLabel(/Context and Problem Statement/).fill("Partners now ask for a flexible partner API.");
  await page.getByRole("button", { name: "Create decision" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ADR-0002 Offer GraphQL to partners");
  await page.getByLabel("This decision").selectOption("supersedes");
  await page.getByLabel("ADR number").fill("1");
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.locator(".adr-links")).toContainText("Supersedes ADR-0001");

  // The log finds both, the first one superseded.
  await page.goto(`/projects/${project.id}/decisions`);
  await page.getByLabel("Search").fill("partner");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=partner/);
  const rows = page.locator("table.adr-log tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Superseded");
  await expect(rows.nth(1)).toContainText("Proposed");
  await page.screenshot({ path: "screenshots/decision-log.png", fullPage: true });

  await page.getByRole("link", { name: "Show as timeline" }).click();
  await expect(page.locator("ol.timeline li")).toHaveCount(2);
});
