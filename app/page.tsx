import { NotAllowed } from "@/components/auth/NotAllowed";
import { Shell } from "@/components/shell/Shell";
import { requirePageAccess } from "@/lib/auth/page-access";

export default async function Home() {
  // In local mode this lets everyone in; otherwise it redirects to /signin.
  const access = await requirePageAccess("notebooks.read", "/");
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path="/" elsewhere={access.elsewhere} />;
  return <Shell />;
}
