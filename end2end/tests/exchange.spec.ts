import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";
import AdmZip from "adm-zip";

import { callServer, newTeamMember } from "./support";

test("downloads the ADRs as a zip and the architecture document, and imports a zip with a report", async ({ page }) => {
  const teamPath = await newTeamMember(page, "Exchange");
  const teamId = teamPath.split("/").pop()!;
  const project = await callServer(page.request, "create_project", { team_id: teamId, name: "Bookshop", description: "" });
  const answer = (question_id: string, value: string) =>
    callServer(page.request, "save_answer", { project_id: String(project.id), question_id, version: "0", value });
  await answer("database.engine", "postgresql");
  await answer("database.product", "postgresql");
  await answer("architecture.style", "modular-monolith");
  await answer("modules.contexts", "Catalogue\nOrders\nPayments");
  await callServer(page.request, "generate_adr", { project_id: String(project.id), topic_id: "database" });
  const adr = await callServer(page.request, "get_adr", { project_id: String(project.id), number: "1" });
  await callServer(page.request, "change_adr_status", {
    project_id: String(project.id), number: "1", version: String(adr.version), status: "accepted",
  });

  // The zip, from the export page, as adr-tools would want it.
  await page.goto(`/projects/${project.id}/exchange`);
  const [zipDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Nygard / adr-tools" }).click(),
  ]);
  expect(zipDownload.suggestedFilename()).toBe("bookshop-decisions-nygard.zip");
  const zip = new AdmZip(readFileSync(await zipDownload.path()));
  const names = zip.getEntries().map((entry) => entry.entryName);
  expect(names).toContain("doc/adr/README.md");
  const adrFile = names.find((name) => name.startsWith("doc/adr/0001-"))!;
  const text = zip.readAsText(adrFile);
  expect(text).toMatch(/^# 1\. Use PostgreSQL as the main database\n/);
  expect(text).toContain("## Status\n\nAccepted\n");
  expect(text).toContain("## Context\n\n");

  // The recommended architecture, on the page and as ARCHITECTURE.md.
  await page.goto(`/projects/${project.id}/architecture`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Recommended architecture");
  await expect(page.locator(".stack-table tr", { hasText: "Database" })).toContainText("ADR-0001");
  await expect(page.locator(".diagram svg")).toBeVisible();
  await expect(page.locator(".diagram svg")).toContainText("Payments");
  await page.screenshot({ path: "screenshots/architecture.png", fullPage: true });
  const [documentDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download ARCHITECTURE.md" }).click(),
  ]);
  expect(documentDownload.suggestedFilename()).toBe("ARCHITECTURE.md");
  const architecture = readFileSync(await documentDownload.path(), "utf8");
  expect(architecture).toContain("# Architecture of Bookshop");
  expect(architecture).toMatch(/\| Database \| PostgreSQL[^|]*\| \[ADR-0001\]\(docs\/decisions\/0001-/);
  expect(architecture).toContain("* **Modules (bounded contexts):** Catalogue, Orders, Payments");
  expect(architecture).toContain("```mermaid\nflowchart LR");

  // The same zip imported into a second project: a preview first, then the report.
  const copy = await callServer(page.request, "create_project", { team_id: teamId, name: "Bookshop copy", description: "" });
  await page.goto(`/projects/${copy.id}/exchange`);
  await page.getByLabel("Zip file").setInputFiles(await zipDownload.path());
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("heading", { name: "Preview of the import" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Ready to import 1 decision; 1 file will be skipped.");
  await page.getByRole("button", { name: "Import 1 decision" }).click();
  await expect(page.getByRole("heading", { name: "Import report" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Imported 1 decision; skipped 1 file.");
  await expect(page.locator(".report-table")).toContainText("Nygard / adr-tools");
  await page.screenshot({ path: "screenshots/import-report.png", fullPage: true });
  await page.goto(`/projects/${copy.id}/decisions/1`);
  await expect(page.locator(".adr-meta .status")).toHaveText("Accepted");

  // A backup of the project restores as a new project, and the browser lands on it.
  await page.goto(`/projects/${project.id}/exchange`);
  const [backupDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download a JSON backup" }).click(),
  ]);
  await page.getByLabel("Backup file").setInputFiles(await backupDownload.path());
  await page.getByRole("button", { name: "Restore as a new project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bookshop (restored)");
});

/// A repository as teams keep one, with the mishaps real ones have: two files with one number, a
/// file without a `# ` title, an undated file, a README beside the ADRs.
function repositoryZip(): Buffer {
  const zip = new AdmZip();
  const add = (path: string, text: string) => zip.addFile(path, Buffer.from(text, "utf8"));
  add("shop-main/.adr-dir", "architecture/decisions\n");
  add("shop-main/architecture/decisions/README.md", "# Decisions\n");
  add("shop-main/architecture/decisions/0001-record-decisions.md",
    "# 1. Record decisions\n\nDate: 12 February 2016\n\n## Status\n\nAccepted\n\n## Context\n\nWe forget why.\n\n## Decision\n\nADRs.\n\n## Consequences\n\nA log.\n");
  add("shop-main/architecture/decisions/0002-use-postgres.md",
    "# 2. Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n\nOrders.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nBackups.\n");
  add("shop-main/architecture/decisions/0002-use-redis.md",
    "## Use Redis for sessions\n\nStatus: proposed\n\n## Context\n\nFast sessions.\n");
  return zip.toBuffer();
}

for (const javaScript of [true, false]) {
  test(`imports a real repository's layout after a preview (JavaScript ${javaScript ? "on" : "off"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const teamPath = await newTeamMember(page, `Repo ${javaScript}`);
    const teamId = teamPath.split("/").pop()!;
    const project = await callServer(page.request, "create_project", { team_id: teamId, name: "Shop", description: "" });
    await page.goto(`/projects/${project.id}/exchange`);
    await page.getByLabel("Zip file").setInputFiles({ name: "shop-main.zip", mimeType: "application/zip", buffer: repositoryZip() });
    await page.getByRole("button", { name: "Preview the import" }).click();
    await expect(page.getByRole("status")).toContainText("Ready to import 3 decisions (1 renumbered); 1 file will be skipped.");
    await expect(page.locator(".report-table")).toContainText("shop-main/architecture/decisions/0002-use-redis.md");
    await expect(page.locator(".report-table")).toContainText("the first \"## \" heading is the title");
    await page.screenshot({ path: `screenshots/import-preview-js-${javaScript ? "on" : "off"}.png`, fullPage: true });
    await page.getByRole("button", { name: "Import 3 decisions" }).click();
    await expect(page.getByRole("status")).toHaveText("Imported 3 decisions (1 renumbered); skipped 1 file.");
    await page.goto(`/projects/${project.id}/decisions/1`);
    await expect(page.locator(".adr-meta").first()).toContainText("Decided 2016-02-12");
    await page.goto(`/projects/${project.id}/decisions/3`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ADR-0003 Use Redis for sessions");
    await context.close();
  });
}
