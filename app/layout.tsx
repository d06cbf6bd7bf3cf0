import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Lathe", description: "A browser ML workbench" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
