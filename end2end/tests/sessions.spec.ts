import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";

import { PASSWORD } from "./support";

// A live planning session across two replicas of the server on one PostgreSQL database: the
// facilitator and a participant on replica A, another participant on replica B (JavaScript on),
// and one more on B with JavaScript off. Each replica is its own process, started here.
const root = path.resolve(__dirname, "../..");
const binary = path.join(root, "target/debug/groundwork");
const database = `groundwork_e2e_sessions_${process.pid}_${Date.now()}`;
const postgres = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
const ports = [3011, 3012];
const replicas: ChildProcess[] = [];
const A = `http://127.0.0.1:${ports[0]}`;
const B = `http://127.0.0.1:${ports[1]}`;

function psql(sql: string) {
  execFileSync("psql", [`${postgres}/postgres`, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]);
}

async function ready(base: string) {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${base} did not become ready`);
}

test.beforeAll(async () => {
  psql(`CREATE DATABASE ${database}`);
  for (const port of ports) {
    const child = spawn(binary, ["serve"], {
      env: {
        ...process.env,
        DATABASE_URL: `${postgres}/${database}`,
        LISTEN_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: path.join(root, "target/site"),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: process.env.E2E_REPLICA_LOG ?? "warn",
      },
      stdio: "inherit",
    });
    replicas.push(child);
    // One at a time: the first runs the migrations.
    await ready(`http://127.0.0.1:${port}`);
  }
});

test.afterAll(async () => {
  for (const child of replicas) child.kill();
  await new Promise((resolve) => setTimeout(resolve, 500));
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

async function call(context: BrowserContext, base: string, name: string, form: Record<string, string>) {
  const response = await context.request.post(`${base}/api/${name}`, { form, headers: { Accept: "application/json" } });
  expect(response.status(), `${name}: ${await response.text()}`).toBe(200);
  return response.json();
}

async function person(browser: Browser, javaScriptEnabled: boolean) {
  return browser.newContext({ javaScriptEnabled, viewport: { width: 1300, height: 1000 } });
}

async function live(page: Page) {
  await expect(page.locator("main")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".session-status")).toHaveAttribute("data-stream", "live");
}

test("a facilitator and three participants on two replicas decide together", async ({ browser }) => {
  test.setTimeout(120_000);
  const olive = await person(browser, true);
  await call(olive, A, "set_up", { email: "olive@example.com", display_name: "Olive Owner", password: PASSWORD, team_name: "Live team" });
  const teams = await call(olive, A, "list_my_teams", {});
  const team = String(teams[0].id);
  const project = await call(olive, A, "create_project", { team_id: team, name: "Live product", description: "" });
  const join = async (name: string, role: string, javaScriptEnabled: boolean) => {
    const context = await person(browser, javaScriptEnabled);
    const email = `${name.toLowerCase()}@example.com`;
    await call(context, A, "sign_up", { email, display_name: name, password: PASSWORD });
    const invitation = await call(olive, A, "invite_member", { team_id: team, role });
    await call(context, A, "accept_invitation", { token: invitation.path.split("/").pop() });
    return context;
  };
  const bea = await join("Bea", "editor", true);
  const carl = await join("Carl", "editor", true);
  const dan = await join("Dan", "editor", false);

  // Olive starts the session from the project page on A.
  const facilitator = await olive.newPage();
  await facilitator.goto(`${A}/projects/${project.id}`);
  await expect(facilitator.locator("main")).toHaveAttribute("data-hydrated", "true");
  await facilitator.getByRole("button", { name: "Start a planning session" }).click();
  await expect(facilitator.getByRole("heading", { level: 1 })).toHaveText("Planning session");
  await live(facilitator);
  const sessionPath = new URL(facilitator.url()).pathname;

  // Bea joins on B from the project page, Carl on A; Olive sees both arrive.
  const beaPage = await bea.newPage();
  await beaPage.goto(`${B}/projects/${project.id}`);
  await beaPage.getByRole("link", { name: "Join the running session" }).click();
  await live(beaPage);
  const carlPage = await carl.newPage();
  await carlPage.goto(`${A}${sessionPath}`);
  await live(carlPage);
  const presence = facilitator.locator(".presence-list");
  await expect(presence.locator(".presence-joined", { hasText: "Bea" })).toBeVisible();
  await expect(presence.locator(".presence-joined", { hasText: "Carl" })).toBeVisible();

  // "Bring everyone here": Bea's page on the other replica follows.
  await facilitator.getByLabel("Topic", { exact: true }).selectOption({ label: "Database strategy" });
  await facilitator.getByLabel("Timebox (minutes, optional)").fill("10");
  await facilitator.getByRole("button", { name: "Bring everyone here" }).click();
  await expect(beaPage.getByRole("heading", { level: 2, name: "Database strategy" })).toBeVisible();
  await expect(beaPage.locator(".group-topic")).toContainText("timebox 10 min");

  const card = (page: Page) => page.locator('[data-question="database.product"]');
  // Carl starts typing a comment; Bea (B) votes MySQL with one, and Olive (A) sees it at once.
  await card(carlPage).getByLabel("Comment (optional)").fill("Postgres fits our data");
  await card(beaPage).getByRole("radio", { name: "MySQL" }).check();
  await card(beaPage).getByLabel("Comment (optional)").fill("Our ops team runs MySQL");
  await card(beaPage).getByRole("button", { name: "Vote" }).click();
  await expect(card(facilitator).locator(".vote-list")).toContainText("Our ops team runs MySQL");
  // What Carl was typing survives Bea's vote arriving on his page.
  await expect(card(carlPage).locator(".vote-list")).toContainText("Our ops team runs MySQL");
  await expect(card(carlPage).getByLabel("Comment (optional)")).toHaveValue("Postgres fits our data");
  // Carl (A) votes PostgreSQL: one each, a split vote, seen on B.
  await card(carlPage).getByRole("radio", { name: "PostgreSQL" }).check();
  await card(carlPage).getByRole("button", { name: "Vote" }).click();
  await expect(card(beaPage).locator(".split-flag")).toBeVisible();

  // Dan, without JavaScript on B, sees the state as loaded and votes with a plain form post.
  const danPage = await dan.newPage();
  await danPage.goto(`${B}${sessionPath}`);
  await expect(danPage.locator(".session-status")).toHaveAttribute("data-stream", "static");
  await expect(card(danPage).locator(".vote-list")).toContainText("Our ops team runs MySQL");
  await card(danPage).getByRole("radio", { name: "PostgreSQL" }).check();
  await card(danPage).getByRole("button", { name: "Vote" }).click();
  await expect(card(danPage).locator(".vote-list")).toContainText("Dan");
  await danPage.screenshot({ path: "screenshots/session-participant-no-js.png", fullPage: true });
  // Everyone else sees Dan's vote live: two of three for PostgreSQL, no longer split.
  await expect(card(facilitator).locator(".vote-list")).toContainText("Dan");
  await expect(card(beaPage).locator(".split-flag")).toHaveCount(0);
  await beaPage.screenshot({ path: "screenshots/session-participant-replica-b.png", fullPage: true });

  // Olive records PostgreSQL (the majority is preselected); votes close everywhere.
  await expect(card(facilitator).getByLabel("The team’s answer")).toHaveValue("postgresql");
  await facilitator.screenshot({ path: "screenshots/session-facilitator.png", fullPage: true });
  // Olive's own pick stays put while votes keep arriving (Bea changes her comment).
  const answer = card(facilitator).getByLabel("The team’s answer");
  await answer.selectOption("mysql");
  await card(beaPage).getByLabel("Comment (optional)").fill("MySQL, but I can live with PostgreSQL");
  await card(beaPage).getByRole("button", { name: "Change my vote" }).click();
  await expect(card(facilitator).locator(".vote-list")).toContainText("I can live with PostgreSQL");
  await expect(answer).toHaveValue("mysql");
  await answer.selectOption("postgresql");
  await card(facilitator).getByRole("button", { name: "Record the team’s answer" }).click();
  await expect(card(beaPage).locator(".recorded")).toContainText("PostgreSQL");
  await expect(card(beaPage).getByRole("button", { name: /Vote|Change my vote/ })).toHaveCount(0);

  // The summary names the decision, the dissent and the time on the topic.
  await facilitator.getByRole("button", { name: "End the session" }).click();
  await expect(facilitator.getByRole("heading", { level: 1 })).toHaveText("Session summary");
  const summary = facilitator.locator("main");
  await expect(summary).toContainText("Recorded: PostgreSQL");
  await expect(summary).toContainText("Bea voted for MySQL");
  await expect(summary).toContainText("Database");
  await facilitator.screenshot({ path: "screenshots/session-summary.png", fullPage: true });
  await expect(beaPage.locator(".notice")).toContainText("This session has ended");
});
