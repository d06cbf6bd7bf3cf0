"use client";
import { PageError } from "@/components/shell/PageError";
import "./globals.css";

/** A failure in the root layout itself: this replaces the whole document, so it brings its own <html>. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <PageError {...props} />
      </body>
    </html>
  );
}
