// The files a report is downloaded as (PDF, DOCX, HTML): their types, names, and the
// rendering, kept in R2 for texts that never change. Shared by the reports' routes and
// the public pages (./public.ts).
import { ApiError } from "../errors";
import type { RenderedReport } from "./model";
import { renderReportDocx } from "./render/docx";
import { renderReportPage } from "./render/html";
import { PdfLanguageError, renderReportPdf } from "./render/pdf";

export const FORMATS = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html; charset=utf-8",
} as const;

/** Renders a model in one of the export formats; PDF only in the languages its fonts can set. */
export async function renderFile(model: RenderedReport, format: keyof typeof FORMATS): Promise<Uint8Array | string> {
  try {
    if (format === "pdf") return await renderReportPdf(model);
  } catch (err) {
    if (err instanceof PdfLanguageError) {
      throw new ApiError(422, "pdf_language", "PDF is offered in English, French and Spanish. Download this language as Word (DOCX) or HTML.");
    }
    throw err;
  }
  return format === "docx" ? renderReportDocx(model) : renderReportPage(model, null);
}

/**
 * An issued or published text never changes, so its PDF, the slow format, is
 * rendered once and kept in R2 under the SHA-256 of the text it shows (a
 * published text's own hash). `load` runs only when it is not kept yet.
 */
export async function renderKept(bucket: R2Bucket, sha: string, format: keyof typeof FORMATS, load: () => Promise<RenderedReport>) {
  if (format !== "pdf") return renderFile(await load(), format);
  const key = `renders/${sha}.pdf`;
  const kept = await bucket.get(key);
  if (kept) return new Uint8Array(await kept.arrayBuffer());
  const bytes = await renderFile(await load(), "pdf");
  await bucket.put(key, bytes, { httpMetadata: { contentType: FORMATS.pdf } });
  return bytes;
}

export const fileName = (symbol: string, suffix: string, format: string) =>
  `${(symbol || "report").replace(/[\/\s]+/g, "-")}${suffix}.${format}`;
