"use client";

/**
 * What a page shows instead of going blank when it fails to render — a bug, or
 * a script chunk that no longer exists because the app was rebuilt while the
 * page was open. Notebooks and loaded tables live in IndexedDB and the server
 * store, so nothing is lost: the way out is to retry or reload.
 */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page-error">
      <div role="alert">
        <h1>This page failed to display</h1>
        <p>{error.message || "An unexpected error occurred."}</p>
        {error.digest && <p className="hint">Server error reference: {error.digest}</p>}
        <p>Your notebook, loaded tables and saved work are kept; reloading the page brings them back.</p>
      </div>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </p>
    </main>
  );
}
