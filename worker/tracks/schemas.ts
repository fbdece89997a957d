// Input schemas for tracks, shared by the API and the React forms.
import { z } from "zod";

export const MandateBody = z.strictObject({ mandate: z.string().trim().min(20).max(4000) });
