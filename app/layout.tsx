import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { Providers } from "./_components/providers";
import { getSession } from "./_lib/server";
import { uiLocale } from "~/i18n/locale";
import { SOCKET_EVENTS } from "~/server/realtime/socket-events";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Quartier", template: "%s · Quartier" },
  description: "Your building, your neighbourhood, one app",
  applicationName: "Quartier",
  manifest: "/manifest.webmanifest",
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/favicon-32.png", sizes: "32x32", type: "image/png" }], apple: "/apple-touch-icon.png" },
  appleWebApp: { capable: true, title: "Quartier", statusBarStyle: "default" },
  robots: { index: false, follow: false },
};
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

/** What each live event makes the browser refetch, read here so that the events' zod schemas stay on the server. */
const refetchMap = Object.fromEntries(Object.entries(SOCKET_EVENTS).flatMap(([name, event]) => (event.refetch.length ? [[name, event.refetch]] : [])));

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, session] = await Promise.all([getLocale(), getSession()]);
  return (
    // The language of the text ("en"), not the formatting locale next-intl holds ("en-GB").
    <html lang={uiLocale(locale)}>
      <body>
        <NextIntlClientProvider>
          <Providers refetch={session ? refetchMap : null}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
