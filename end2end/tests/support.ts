import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "a long e2e password";

/** Calls a server function with the page's cookies, as the hydrated page would. */
export async function callServer(request: APIRequestContext, name: string, form: Record<string, string>) {
  const response = await request.post(`/api/${name}`, { form, headers: { Accept: "application/json" } });
  expect(response.status(), `${name} answered ${response.status()}: ${await response.text()}`).toBe(200);
  return response.json();
}

/**
 * Signs a fresh account up in this browser context and gives it a team of its own, then opens
 * the team's page. Returns the team page's path.
 */
export async function newTeamMember(page: Page, label: string): Promise<string> {
  const email = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now()}@example.com`;
  await callServer(page.request, "sign_up", { email, password: PASSWORD });
  const team = await callServer(page.request, "create_team", { name: `${label} team` });
  const path = `/teams/${team.id}`;
  await page.goto(path);
  return path;
}
