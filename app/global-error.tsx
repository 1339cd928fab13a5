"use client";
// The last resort, when the root layout itself fails: no translations are loaded then, so
// it speaks both languages. It replaces the whole document; its links reload the page
// fully, since the app around them has failed.
/* eslint-disable @next/next/no-html-link-for-pages */
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body>
        <div className="auth-page">
          <header className="auth-top">
            <a href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">Q</span> Quartier
            </a>
          </header>
          <main className="auth-main">
            <section className="error-view" role="alert">
              <h1>Une erreur est survenue</h1>
              <p lang="en" className="muted">Something went wrong.</p>
              <div className="landing-actions">
                <button type="button" className="btn btn-primary" onClick={reset}>
                  Réessayer · <span lang="en">Try again</span>
                </button>
                <a href="/" className="btn btn-secondary">
                  Accueil · <span lang="en">Home</span>
                </a>
              </div>
            </section>
          </main>
        </div>
      </body>
    </html>
  );
}
