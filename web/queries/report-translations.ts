// The secretariat's translation of an adopted report, paragraph by paragraph: the
// adopted text beside one language's translation, saving it (in progress or final,
// 409 on a stale version) and publishing a final one beside the published original.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, request } from "../api";
import { staleCurrent } from "./stale";
import type { ReportLanguage } from "../../worker/reports/model";

const one = api.reports[":id"];

export const translationKeys = {
  /** The report's page (the workspace's key): its translations' states and its publications. */
  report: (id: string) => ["report", id] as const,
  /** Kept apart from ["report", id] so refreshing the report never reloads the whole source text. */
  one: (id: string, lang: ReportLanguage) => ["report-translation", id, lang] as const,
};

/** The report as its workspace shows it; shared with the workspace through the same key. */
export const reportDetailQuery = (id: string) =>
  queryOptions({
    queryKey: translationKeys.report(id),
    queryFn: () => request(one.$get({ param: { id } })),
  });

/** The adopted text (source) and the translation so far; always fetched afresh when the screen opens. */
export const translationQuery = (id: string, lang: ReportLanguage) =>
  queryOptions({
    queryKey: translationKeys.one(id, lang),
    queryFn: () => request(one.translations[":lang"].$get({ param: { id, lang } })),
    staleTime: 0,
  });

export type TranslationPage = Awaited<ReturnType<NonNullable<ReturnType<typeof translationQuery>["queryFn"]>>>;
export type SourceParagraph = TranslationPage["source"][number];
export type TranslatedText = { html: string; footnotes?: string[] };
export type TranslationBody = { baseVersion: number; state: "in_progress" | "final"; paragraphs: Record<string, TranslatedText> };
/** What a save answers, and what a stale save's 409 carries as `details.current`. */
export type SavedTranslation = { state: "in_progress" | "final"; version: number; paragraphs: Record<string, TranslatedText>; updatedAt: string };
export type ReportDetail = Awaited<ReturnType<NonNullable<ReturnType<typeof reportDetailQuery>["queryFn"]>>>;
export type Publication = ReportDetail["report"]["publications"][number];

/** The newer translation a stale save ran into (409 with details.current), or null for any other error. */
export const staleTranslation = (err: unknown) => staleCurrent<SavedTranslation>(err);

const translationCalls = {
  save: (id: string, lang: ReportLanguage, json: TranslationBody) => request(one.translations[":lang"].$put({ param: { id, lang }, json })),
  publish: (id: string, pub: string, lang: ReportLanguage) => request(one.publications[":pub"].translations[":lang"].$post({ param: { id, pub, lang } })),
};

/**
 * Saves a translation. The answer replaces the cached one (no reload of the source text);
 * the report's page is marked stale so the workspace shows the new state when it is next
 * opened, without downloading it again here after every save.
 */
export function useSaveTranslation(id: string, lang: ReportLanguage, myName: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TranslationBody) => translationCalls.save(id, lang, body),
    onSuccess: (res) => {
      qc.setQueryData(translationKeys.one(id, lang), (old) => (old ? { ...old, translation: { ...res.translation, updatedBy: myName } } : old));
      void qc.invalidateQueries({ queryKey: translationKeys.report(id), refetchType: "none" });
    },
  });
}

/** Publishes a final translation beside a published text; the report's page (its publications) is reloaded. */
export function usePublishTranslation(id: string, lang: ReportLanguage) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (pub: string) => translationCalls.publish(id, pub, lang),
    onSuccess: () => qc.invalidateQueries({ queryKey: translationKeys.report(id) }),
  });
}
