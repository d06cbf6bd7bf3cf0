import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { UsersAdmin } from "@/components/auth/UsersAdmin";
import { requirePageAccess } from "@/lib/auth/page-access";

export const metadata = { title: "Users · Lathe" };

export default async function UsersPage() {
  const access = await requirePageAccess("users.manage", "/admin/users");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/admin/users" elsewhere={access.elsewhere} />;
  return (
    <PageFrame title="Users">
      <UsersAdmin localMode={access.localMode} />
    </PageFrame>
  );
}
