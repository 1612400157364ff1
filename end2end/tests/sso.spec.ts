import { expect, type Page, test } from "@playwright/test";

import { callServer, PASSWORD } from "./support";

// The app under test is configured (by scripts/run-tests) against the `oidc-provider` package
// running on 127.0.0.1:3901: a real provider, with its development login screen. Its account
// `<name>` has the verified e-mail `<name>@sso.example.com`.

/** Signs in at the provider's own pages as `user`, after the app sent the browser there. */
async function signInAtProvider(page: Page, user: string) {
  await expect(page).toHaveURL(/127\.0\.0\.1:3901/);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /Continue/i });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) {
    await consent.click();
  }
}

test("signs in through the organisation's OpenID provider", async ({ page }) => {
  const user = `alice${Date.now()}`;
  await page.goto("/sign-in");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("link", { name: "Sign in with your organisation" }).click();
  await signInAtProvider(page, user);

  // Back in Groundwork, signed in as a new account named by the provider.
  await expect(page.getByRole("heading", { name: "Your teams" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(`SSO ${user}`);
  await page.screenshot({ path: "screenshots/sso-signed-in.png", fullPage: true });

  // Just signed in through the provider, the account may set a password of its own.
  await page.goto("/account");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("New password").fill("a password of her own");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
});

test("an account signed up first with someone's e-mail does not get their organisation sign-in", async ({ browser }) => {
  const victim = `victim${Date.now()}`;
  const attacker = await browser.newContext();
  await callServer(attacker.request, "sign_up", { email: `${victim}@sso.example.com`, password: PASSWORD });

  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with your organisation" }).click();
  await signInAtProvider(page, victim);
  await expect(page.getByRole("alert")).toContainText("An account with this e-mail already exists");
  await page.screenshot({ path: "screenshots/sso-takeover-refused.png", fullPage: true });

  const account = await callServer(attacker.request, "who_am_i", {});
  expect(account.has_organisation_account).toBe(false);
  // Nobody was signed in by the refused attempt.
  expect(await callServer(page.request, "who_am_i", {})).toBeNull();
});

test("a password account links its organisation account from inside, ending its other sessions", async ({ browser }) => {
  const user = `carol${Date.now()}`;
  const email = `${user}@sso.example.com`;
  const context = await browser.newContext();
  await callServer(context.request, "sign_up", { email, password: PASSWORD });
  const elsewhere = await browser.newContext();
  await callServer(elsewhere.request, "sign_in", { email, password: PASSWORD });
  expect(await callServer(elsewhere.request, "who_am_i", {})).not.toBeNull();

  const page = await context.newPage();
  // Linking starts only from a password confirmed just now, never from a bare link.
  await page.goto("/auth/oidc/start?link=1");
  await expect(page).toHaveURL(/\/account\?confirm_link=1/);
  await expect(page.getByRole("alert")).toContainText("Confirm your password first");
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Current password").last().fill("not the password");
  await page.getByRole("button", { name: "Link my organisation account" }).click();
  await expect(page.getByText("That is not your current password.").last()).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await page.screenshot({ path: "screenshots/sso-link-confirm.png", fullPage: true });
  await page.getByLabel("Current password").last().fill(PASSWORD);
  await page.getByRole("button", { name: "Link my organisation account" }).click();
  await signInAtProvider(page, user);
  await expect(page).toHaveURL(/\/account\?linked=1/);
  await expect(page.getByRole("status")).toContainText("Organisation account linked");
  await page.screenshot({ path: "screenshots/sso-linked.png", fullPage: true });

  // The other session ended; this one goes on.
  expect(await callServer(elsewhere.request, "who_am_i", {})).toBeNull();
  expect((await callServer(context.request, "who_am_i", {})).email).toBe(email);

  // From now on the organisation sign-in reaches the same account.
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto("/sign-in");
  await fresh.getByRole("link", { name: "Sign in with your organisation" }).click();
  await signInAtProvider(fresh, user);
  await expect(fresh.getByRole("heading", { name: "Your teams" })).toBeVisible();
  expect((await callServer(fresh.request, "who_am_i", {})).email).toBe(email);
});
