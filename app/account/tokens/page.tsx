import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { TokensPanel } from "@/components/auth/TokensPanel";
import { requirePageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "API tokens · Lathe" };

export default async function TokensPage() {
  const access = await requirePageAccess("tokens.own", "/account/tokens");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/account/tokens" elsewhere={access.elsewhere} />;
  return (
    <PageFrame title="My API tokens">
      {access.principal.via === "local" ? (
        <p className="hint">
          Local mode has no account to own a token, and needs none: every request on this machine acts as the local admin.
          Add a user under <a href="/admin/users">Users</a> and sign in to create tokens.
        </p>
      ) : (
        <TokensPanel />
      )}
    </PageFrame>
  );
}
