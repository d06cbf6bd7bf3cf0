import { InviteForm } from "@/components/auth/InviteForm";
import { PageFrame } from "@/components/auth/PageFrame";

export const metadata = { title: "Accept invite · Lathe" };

type Props = { params: Promise<{ code: string }> };

/** Public: the code in the link is the credential; the server checks it when the password is set. */
export default async function InvitePage({ params }: Props) {
  const { code } = await params;
  return (
    <PageFrame title="Set your password">
      <p className="hint">You were invited to Lathe. Choose a password to finish; you will be signed in.</p>
      <InviteForm code={code} />
    </PageFrame>
  );
}
