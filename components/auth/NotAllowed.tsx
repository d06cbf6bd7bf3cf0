import { PageFrame } from "./PageFrame";

/**
 * What a signed-in user sees on a page their role does not open: the reason,
 * and the ways on (another page they may use, or signing in as someone else).
 */
export function NotAllowed({ message, path, elsewhere }: { message: string; path: string; elsewhere?: { href: string; label: string }[] }) {
  return (
    <PageFrame title="Not allowed">
      <p role="alert" className="not-allowed">
        {message}
      </p>
      <ul className="links">
        {(elsewhere ?? []).map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
        <li>
          <a href={`/signin?next=${encodeURIComponent(path)}`}>Sign in as someone else</a>
        </li>
      </ul>
    </PageFrame>
  );
}
