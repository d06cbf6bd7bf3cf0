"use client";

// Any route's render error lands here instead of Next's blank error screen.
export { PageError as default } from "@/components/shell/PageError";
