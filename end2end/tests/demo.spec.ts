import { expect, test } from "@playwright/test";

import { newTeamMember } from "./support";

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test(`an empty team loads the demo project and looks around in it ${mode}`, async ({ page }) => {
      await newTeamMember(page, `Demo ${javaScriptEnabled}`);
      await expect(page.locator("main")).toHaveAttribute("data-hydrated", String(javaScriptEnabled));
      await page.getByRole("button", { name: "Load a demo project" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo: Marketplace MVP");
      if (javaScriptEnabled) {
        await page.screenshot({ path: "screenshots/demo-project.png", fullPage: true });
      }

      await page.getByRole("link", { name: "Decision log" }).first().click();
      const rows = page.locator("table.adr-log tbody tr");
      // Six decisions of the demo's list, two of its topics holding two decisions each.
      await expect(rows).toHaveCount(8);
      // The topic column names topics, not their ids.
      await expect(rows.filter({ hasText: "Database strategy" }).first()).toBeVisible();
      for (const status of ["Accepted", "Superseded", "Rejected", "Proposed"]) {
        await expect(rows.filter({ hasText: status }).first()).toBeVisible();
      }
      if (javaScriptEnabled) {
        await page.screenshot({ path: "screenshots/demo-decision-log.png", fullPage: true });
      }
    });
  });
}
