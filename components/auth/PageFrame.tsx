import type { ReactNode } from "react";
import { AccountMenu } from "./AccountMenu";

/** The header and body of the account and admin pages, matching the notebook page's header. */
export function PageFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page">
      <header className="top">
        <h1>
          <a href="/" className="home-link">
            Lathe
          </a>
        </h1>
        <AccountMenu />
      </header>
      <main className="page-main">
        <h2>{title}</h2>
        {children}
      </main>
    </div>
  );
}
