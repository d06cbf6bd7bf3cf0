import { redirect } from "next/navigation";
import { PageFrame } from "@/components/auth/PageFrame";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeNextPath } from "@/lib/api/auth-requests";
import { pageAuthentication } from "@/lib/auth/page-access";

export const metadata = { title: "Sign in · Lathe" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  // Local mode needs no sign-in (and has no account to sign in to).
  if ((await pageAuthentication("/signin")).localMode) redirect(next);
  return (
    <PageFrame title="Sign in">
      <SignInForm next={next} />
    </PageFrame>
  );
}
