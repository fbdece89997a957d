// The comment-window helper: wall-clock times in a named zone → instants, across DST changes.
import { describe, expect, test } from "vitest";
import { instantToOffsetIso, instantToZonedLocal, offsetString, zonedToInstant, zoneOffsetMinutes } from "../../worker/lib/zonedTime";

describe("zoned time helper", () => {
  test("offsets of Geneva in winter and summer, and of zones west and half-hour", () => {
    expect(zoneOffsetMinutes(Date.parse("2026-01-15T12:00:00Z"), "Europe/Zurich")).toBe(60);
    expect(zoneOffsetMinutes(Date.parse("2026-07-15T12:00:00Z"), "Europe/Zurich")).toBe(120);
    expect(zoneOffsetMinutes(Date.parse("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(offsetString(-210)).toBe("-03:30");
  });

  test("a Geneva wall-clock time becomes the right instant in winter and summer", () => {
    expect(zonedToInstant("2026-11-27T14:30", "Europe/Zurich")).toEqual({ iso: "2026-11-27T14:30:00+01:00", ms: Date.parse("2026-11-27T13:30:00Z"), offset: 60 });
    expect(zonedToInstant("2026-06-01T09:00", "Europe/Zurich")?.iso).toBe("2026-06-01T09:00:00+02:00");
    expect(zonedToInstant("2026-06-01T09:00", "America/Sao_Paulo")?.iso).toBe("2026-06-01T09:00:00-03:00");
    expect(zonedToInstant("2026-06-01T09:00", "UTC")?.iso).toBe("2026-06-01T09:00:00+00:00");
  });

  test("DST changes: the skipped hour moves forward, the repeated hour takes the earlier instant", () => {
    // 29 March 2026: 02:00 → 03:00 in Geneva.
    expect(zonedToInstant("2026-03-29T01:59", "Europe/Zurich")?.iso).toBe("2026-03-29T01:59:00+01:00");
    expect(zonedToInstant("2026-03-29T02:30", "Europe/Zurich")?.iso).toBe("2026-03-29T03:30:00+02:00");
    expect(zonedToInstant("2026-03-29T03:00", "Europe/Zurich")?.iso).toBe("2026-03-29T03:00:00+02:00");
    // 25 October 2026: 03:00 → 02:00; 02:30 happens twice.
    expect(zonedToInstant("2026-10-25T02:30", "Europe/Zurich")?.ms).toBe(Date.parse("2026-10-25T00:30:00Z"));
    expect(zonedToInstant("2026-10-25T03:30", "Europe/Zurich")?.iso).toBe("2026-10-25T03:30:00+01:00");
    // New York, 8 March 2026.
    expect(zonedToInstant("2026-03-08T02:15", "America/New_York")?.iso).toBe("2026-03-08T03:15:00-04:00");
  });

  test("round trips and bad input", () => {
    const iso = "2026-10-25T01:30:00.000Z";
    expect(instantToZonedLocal(iso, "Europe/Zurich")).toBe("2026-10-25T02:30");
    expect(instantToOffsetIso(Date.parse(iso), "Europe/Zurich")).toBe("2026-10-25T02:30:00+01:00");
    expect(zonedToInstant("2026-02-30T10:00", "Europe/Zurich")).toBeNull();
    expect(zonedToInstant("tomorrow", "Europe/Zurich")).toBeNull();
  });
});
