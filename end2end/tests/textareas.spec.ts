import { expect, type Locator, type Page, test } from "@playwright/test";

import { callServer, newTeamMember } from "./support";

// Text with the characters HTML escapes: saved, reloaded and saved again, it must come back as
// typed, through every textarea, with JavaScript on and off.
const TRICKY = "a < b & c > d &amp; </textarea>";
const ROUNDS = 3;

// Decision-makers must be members of the team, so that one field takes a member's name instead.
async function textareas(scope: Locator): Promise<Locator[]> {
  return scope.locator('textarea:not([name="adr[decision_makers]"])').all();
}

async function expectAll(fields: Locator[]) {
  for (const field of fields) {
    await expect(field).toHaveValue(TRICKY);
  }
}

async function openEditor(page: Page): Promise<Locator> {
  const editor = page.locator("details.card", { has: page.locator("summary", { hasText: "Edit" }) });
  if (!(await editor.getAttribute("open"))) {
    await editor.locator("summary").click();
  }
  return editor;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test(`every textarea keeps < and & through ${ROUNDS} saves ${mode}`, async ({ page }) => {
      const teamPath = await newTeamMember(page, `Textareas ${javaScriptEnabled}`);
      const teamId = teamPath.split("/").pop()!;
      const project = await callServer(page.request, "create_project", { team_id: teamId, name: `Escapes ${mode}`, description: "" });
      await callServer(page.request, "create_adr", { project_id: String(project.id), "adr[title]": "Escapes" });

      // Every textarea of the ADR editor.
      const adrPage = `/projects/${project.id}/decisions/1`;
      await page.goto(adrPage);
      await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
      let fields = await textareas(await openEditor(page));
      expect(fields.length).toBeGreaterThan(5);
      for (const field of fields) {
        await field.fill(TRICKY);
      }
      for (let round = 1; round <= ROUNDS; round++) {
        await page.getByRole("button", { name: "Save", exact: true }).click();
        if (javaScriptEnabled) {
          await expect(page.getByText("Saved.")).toBeVisible();
        }
        await page.goto(adrPage);
        await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
        fields = await textareas(await openEditor(page));
        await expectAll(fields);
      }

      // The notes and free-text answers of a topic.
      const topicPage = `/projects/${project.id}/topics/database`;
      await page.goto(topicPage);
      await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
      const card = page.locator("article.question").first();
      await card.locator("input[type=radio]").first().check();
      await card.locator("textarea").first().fill(TRICKY);
      for (let round = 1; round <= ROUNDS; round++) {
        await card.getByRole("button", { name: "Save answer" }).click();
        if (javaScriptEnabled) {
          await expect(card.locator(".risk-panel, .saved").first()).toBeVisible();
        }
        await page.goto(topicPage);
        await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
        await expect(page.locator("article.question").first().locator("textarea").first()).toHaveValue(TRICKY);
      }
      await page.screenshot({ path: `screenshots/textareas-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });
    });
  });
}
