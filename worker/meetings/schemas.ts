// Input schemas for meetings, shared by the API and the React forms.
// Times arrive as wall-clock times ("2026-03-29T10:00") plus the IANA zone they
// were typed in; the server turns them into instants, so nothing shifts on save.
import { z } from "zod";
import { TimeZone } from "../auth/schemas";
import { ATTENDANCE_STATUSES, MEETING_FORMATS, MEETING_KINDS, MEETING_REPLIES } from "../db/enums";

export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "Use a date and time like 2026-03-29T10:00." });

const Title = z.string().trim().min(1, { error: "Enter a title." }).max(200);
const Room = z.string().trim().max(120).nullable();
const OnlineUrl = z
  .url({ protocol: /^https$/, error: "Enter an https:// link." })
  .max(500)
  .nullable();
const AgendaItemInput = z.strictObject({
  /** An existing item keeps its id, so its minutes and materials stay with it. */
  id: z.string().min(1).max(64).optional(),
  title: Title,
  revisionId: z.string().min(1).max(64).nullable().optional(),
});

/** What the schedule form sends; also what the conflict check looks at. */
const Slot = {
  kind: z.enum(MEETING_KINDS),
  trackId: z.number().int().positive().nullable(),
  start: LocalDateTime,
  end: LocalDateTime,
  timeZone: TimeZone,
  format: z.enum(MEETING_FORMATS),
  room: Room.optional(),
};

const kindNeedsTrack = (m: { kind?: string; trackId?: number | null }) =>
  m.kind === undefined || m.kind === "informal" || (m.kind === "track") === (m.trackId != null);
const trackRule = { error: "A track meeting needs its track; a plenary meeting has none.", path: ["trackId"] };

export const CheckBody = z
  .strictObject({ ...Slot, meetingId: z.string().min(1).max(64).optional() })
  .refine(kindNeedsTrack, trackRule);

export const CreateBody = z
  .strictObject({
    ...Slot,
    title: Title,
    onlineUrl: OnlineUrl.optional(),
    description: z.string().max(5000).optional(),
    visibility: z.enum(["public", "members"]).optional(),
    quorum: z.number().int().min(1).max(200).nullable().optional(),
    agenda: z.array(AgendaItemInput).max(50).optional(),
    /** Needed when the slot conflicts with other meetings; kept with the meeting. */
    overrideReason: z.string().trim().min(3).max(500).optional(),
  })
  .refine(kindNeedsTrack, trackRule);

export const UpdateBody = z.strictObject({
  version: z.number().int().positive(),
  title: Title.optional(),
  start: LocalDateTime.optional(),
  end: LocalDateTime.optional(),
  timeZone: TimeZone.optional(),
  format: z.enum(MEETING_FORMATS).optional(),
  room: Room.optional(),
  onlineUrl: OnlineUrl.optional(),
  description: z.string().max(5000).optional(),
  visibility: z.enum(["public", "members"]).optional(),
  quorum: z.number().int().min(1).max(200).nullable().optional(),
  /** Shown in the history and the notice to participants. */
  reason: z.string().trim().max(500).optional(),
  overrideReason: z.string().trim().min(3).max(500).optional(),
});

export const CancelBody = z.strictObject({ version: z.number().int().positive(), reason: z.string().trim().min(3).max(500) });
export const AgendaBody = z.strictObject({ version: z.number().int().positive(), items: z.array(AgendaItemInput).max(50) });
export const ReplyBody = z.strictObject({ reply: z.enum(MEETING_REPLIES) });
export const AttendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ seatId: z.string().min(1).max(64), status: z.enum(ATTENDANCE_STATUSES) }))
    .min(1)
    .max(90),
});
export const MinutesItemBody = z.strictObject({ text: z.string().max(50_000), version: z.number().int().min(0) });
export const CirculateBody = z.strictObject({ closesAt: LocalDateTime, timeZone: TimeZone });
export const CorrectionBody = z.strictObject({ agendaItemId: z.string().min(1).max(64), text: z.string().trim().min(3).max(5000) });
export const ResolveCorrectionBody = z.strictObject({ status: z.enum(["accepted", "declined"]), response: z.string().trim().max(2000).optional() });

export const MeetingParam = z.strictObject({ id: z.string().min(1).max(64) });
export const ItemParam = z.strictObject({ id: z.string().min(1).max(64), itemId: z.string().min(1).max(64) });
export const CorrectionParam = z.strictObject({ id: z.string().min(1).max(64), correctionId: z.string().min(1).max(64) });
export const MaterialParam = z.strictObject({ id: z.string().min(1).max(64), materialId: z.string().min(1).max(64) });
/** A date (2026-03-01) or UTC instant (2026-03-01T09:30:00Z) that exists: 2026-02-31 and 25:00 are refused. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/, { error: "Use a date like 2026-03-01." })
  .refine(
    (s) => {
      const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
      if (!Number.isFinite(t) || t < Date.UTC(1900, 0, 1)) return false;
      // Date.parse rolls 2026-02-31 over to March; the text must be what it reads back as.
      const back = new Date(t).toISOString();
      return back.slice(0, 10) === s.slice(0, 10) && (s.length === 10 || back.slice(11, 16) === s.slice(11, 16));
    },
    { error: "No such date or time." },
  );
export const ListQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    track: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10), { error: "The end comes before the start.", path: ["to"] });
export const FeedQuery = z.strictObject({ track: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() });

/** Materials: the types a delegation can open anywhere, up to 20 MB each. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
export const MATERIAL_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  txt: "text/plain",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};
