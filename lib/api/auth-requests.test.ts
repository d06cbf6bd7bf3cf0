import { describe, expect, it } from "vitest";
import { safeNextPath } from "./auth-requests";

describe("safeNextPath", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["/admin/users", "/admin/users"],
    ["/projects/1?tab=review", "/projects/1?tab=review"],
    ["https://evil.example", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/signin", "/"],
    ["/signin?next=%2F", "/"],
  ])("%s → %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
