import { request, type FullConfig } from "@playwright/test";

import { PASSWORD } from "./tests/support";

/** A fresh install asks for its first owner before anyone can sign up: do that once. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL ?? "http://127.0.0.1:3000";
  const context = await request.newContext({ baseURL });
  const needed = await (await context.post("/api/setup_needed", { headers: { Accept: "application/json" } })).json();
  if (needed === true) {
    const response = await context.post("/api/set_up", {
      headers: { Accept: "application/json" },
      form: { email: "first-owner@example.com", display_name: "First Owner", password: PASSWORD, team_name: "First team" },
    });
    if (response.status() !== 200) {
      throw new Error(`set-up failed: ${response.status()} ${await response.text()}`);
    }
  }
  await context.dispose();
}
