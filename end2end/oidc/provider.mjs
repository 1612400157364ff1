// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for the browser
// test of single sign-on. Its development login screen accepts any user name; the account
// `<name>` gets the e-mail `<name>@sso.example.com`, verified.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3901);
const appUrl = (process.env.APP_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? "groundwork",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "groundwork-e2e-secret",
      redirect_uris: [`${appUrl}/auth/oidc/callback`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
  },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@sso.example.com`, email_verified: true, name: `SSO ${id}` };
      },
    };
  },
  cookies: { keys: ["e2e-only-not-a-secret"] },
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, "127.0.0.1", () => {
  console.log(`OpenID provider for the browser tests at ${issuer}`);
});
