import { expect, test } from "@playwright/test";

// The app under test is configured (by scripts/run-tests) against the `oidc-provider` package
// running on 127.0.0.1:3901: a real provider, with its development login screen.
test("signs in through the organisation's OpenID provider", async ({ page }) => {
  const user = `alice${Date.now()}`;
  await page.goto("/sign-in");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("link", { name: "Sign in with your organisation" }).click();

  // The provider's own pages.
  await expect(page).toHaveURL(/127\.0\.0\.1:3901/);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /Continue/i });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await consent.click();
  }

  // Back in Groundwork, signed in as a new account named by the provider.
  await expect(page.getByRole("heading", { name: "Your teams" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(`SSO ${user}`);
  await page.screenshot({ path: "screenshots/sso-signed-in.png", fullPage: true });
});
