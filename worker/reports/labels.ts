// The fixed words of a UN document and of the public report pages, in the six
// official languages, and the masthead lines every renderer (HTML, PDF, DOCX) draws.

import type { PublicationKind, RenderedReport, ReportLanguage } from "./model";

export type ReportLabels = {
  generalAssembly: string;
  /** "Distr.:", joined to the distribution ("General") by `labelled`. */
  distr: string;
  distribution: string;
  /** "Original:", joined to a name from `originalLanguages`. */
  original: string;
  /** Language names as the "Original:" line writes them in this language. */
  originalLanguages: Record<ReportLanguage, string>;
  annex: string;
  page: string;
  notes: string;
  backToText: string;
  publishedOn: string;
  contentHash: string;
  download: string;
  pdf: string;
  docx: string;
  html: string;
  otherLanguages: string;
  languages: string;
  related: string;
  kinds: Record<PublicationKind, string>;
  correctedBy: string;
  supersededBy: string;
  archiveTitle: string;
  archiveEmpty: string;
  atomFeed: string;
  print: string;
  pdfUnavailable: string;
  skipToContent: string;
  documentInfo: string;
  workingGroup: string;
  appLink: string;
};

/** Each language named in itself, for language switchers. */
export const ENDONYMS: Record<ReportLanguage, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  ar: "العربية",
  zh: "中文",
  ru: "Русский",
};

export const REPORT_LABELS: Record<ReportLanguage, ReportLabels> = {
  en: {
    generalAssembly: "General Assembly",
    distr: "Distr.:",
    distribution: "General",
    original: "Original:",
    originalLanguages: { en: "English", fr: "French", es: "Spanish", ar: "Arabic", zh: "Chinese", ru: "Russian" },
    annex: "Annex",
    page: "Page",
    notes: "Notes",
    backToText: "Back to the text",
    publishedOn: "Published on",
    contentHash: "Content hash (SHA-256)",
    download: "Download",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "Other languages",
    languages: "Languages",
    related: "Corrigenda and revisions",
    kinds: { original: "Original", revision: "Revision", corrigendum: "Corrigendum" },
    correctedBy: "This text was corrected by",
    supersededBy: "Superseded by",
    archiveTitle: "Published progress reports",
    archiveEmpty: "No report has been published yet.",
    atomFeed: "Atom feed",
    print: "Print",
    pdfUnavailable: "Not available in this language as PDF",
    skipToContent: "Skip to content",
    documentInfo: "About this document",
    workingGroup: "CSTD Working Group on Data Governance",
    appLink: "Members’ workspace",
  },
  fr: {
    generalAssembly: "Assemblée générale",
    distr: "Distr.",
    distribution: "générale",
    original: "Original :",
    originalLanguages: { en: "anglais", fr: "français", es: "espagnol", ar: "arabe", zh: "chinois", ru: "russe" },
    annex: "Annexe",
    page: "Page",
    notes: "Notes",
    backToText: "Retour au texte",
    publishedOn: "Publié le",
    contentHash: "Empreinte du contenu (SHA-256)",
    download: "Télécharger",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "Autres langues",
    languages: "Langues",
    related: "Rectificatifs et révisions",
    kinds: { original: "Original", revision: "Révision", corrigendum: "Rectificatif" },
    correctedBy: "Ce texte a été rectifié par",
    supersededBy: "Remplacé par",
    archiveTitle: "Rapports d’étape publiés",
    archiveEmpty: "Aucun rapport n’a encore été publié.",
    atomFeed: "Flux Atom",
    print: "Imprimer",
    pdfUnavailable: "Pas de PDF dans cette langue",
    skipToContent: "Aller au contenu",
    documentInfo: "À propos de ce document",
    workingGroup: "Groupe de travail de la CSTD sur la gouvernance des données",
    appLink: "Espace des membres",
  },
  es: {
    generalAssembly: "Asamblea General",
    distr: "Distr.",
    distribution: "general",
    original: "Original:",
    originalLanguages: { en: "inglés", fr: "francés", es: "español", ar: "árabe", zh: "chino", ru: "ruso" },
    annex: "Anexo",
    page: "Página",
    notes: "Notas",
    backToText: "Volver al texto",
    publishedOn: "Publicado el",
    contentHash: "Huella del contenido (SHA-256)",
    download: "Descargar",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "Otros idiomas",
    languages: "Idiomas",
    related: "Correcciones y revisiones",
    kinds: { original: "Original", revision: "Revisión", corrigendum: "Corrección" },
    correctedBy: "Este texto fue corregido por",
    supersededBy: "Sustituido por",
    archiveTitle: "Informes sobre la marcha de los trabajos publicados",
    archiveEmpty: "Todavía no se ha publicado ningún informe.",
    atomFeed: "Canal Atom",
    print: "Imprimir",
    pdfUnavailable: "No disponible en PDF en este idioma",
    skipToContent: "Saltar al contenido",
    documentInfo: "Acerca de este documento",
    workingGroup: "Grupo de Trabajo de la CCTD sobre la Gobernanza de Datos",
    appLink: "Espacio de los miembros",
  },
  ar: {
    generalAssembly: "الجمعية العامة",
    distr: "التوزيع:",
    distribution: "عام",
    original: "الأصل:",
    originalLanguages: { en: "بالإنكليزية", fr: "بالفرنسية", es: "بالإسبانية", ar: "بالعربية", zh: "بالصينية", ru: "بالروسية" },
    annex: "المرفق",
    page: "الصفحة",
    notes: "الحواشي",
    backToText: "العودة إلى النص",
    publishedOn: "تاريخ النشر",
    contentHash: "بصمة المحتوى (SHA-256)",
    download: "تنزيل",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "لغات أخرى",
    languages: "اللغات",
    related: "التصويبات والتنقيحات",
    kinds: { original: "الأصل", revision: "تنقيح", corrigendum: "تصويب" },
    correctedBy: "صُوِّب هذا النص بموجب",
    supersededBy: "حلت محله الوثيقة",
    archiveTitle: "التقارير المرحلية المنشورة",
    archiveEmpty: "لم يُنشر أي تقرير بعد.",
    atomFeed: "موجز Atom",
    print: "طباعة",
    pdfUnavailable: "لا تتوفر نسخة PDF بهذه اللغة",
    skipToContent: "انتقل إلى المحتوى",
    documentInfo: "عن هذه الوثيقة",
    workingGroup: "الفريق العامل المعني بإدارة البيانات التابع للجنة تسخير العلم والتكنولوجيا لأغراض التنمية",
    appLink: "مساحة عمل الأعضاء",
  },
  zh: {
    generalAssembly: "大会",
    distr: "分发：",
    distribution: "普遍",
    original: "原文：",
    originalLanguages: { en: "英文", fr: "法文", es: "西班牙文", ar: "阿拉伯文", zh: "中文", ru: "俄文" },
    annex: "附件",
    page: "页",
    notes: "注",
    backToText: "返回正文",
    publishedOn: "发布日期",
    contentHash: "内容哈希值（SHA-256）",
    download: "下载",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "其他语文",
    languages: "语文",
    related: "更正和订正",
    kinds: { original: "原件", revision: "订正", corrigendum: "更正" },
    correctedBy: "本文件已由以下文件更正：",
    supersededBy: "已由以下文件取代：",
    archiveTitle: "已发布的进展报告",
    archiveEmpty: "尚未发布任何报告。",
    atomFeed: "Atom 订阅源",
    print: "打印",
    pdfUnavailable: "本语文无 PDF 版本",
    skipToContent: "跳至正文",
    documentInfo: "关于本文件",
    workingGroup: "科技促进发展委员会数据治理工作组",
    appLink: "成员工作区",
  },
  ru: {
    generalAssembly: "Генеральная Ассамблея",
    distr: "Распространение:",
    distribution: "общее",
    original: "Язык оригинала:",
    originalLanguages: { en: "английский", fr: "французский", es: "испанский", ar: "арабский", zh: "китайский", ru: "русский" },
    annex: "Приложение",
    page: "Страница",
    notes: "Примечания",
    backToText: "Вернуться к тексту",
    publishedOn: "Дата публикации",
    contentHash: "Хеш содержимого (SHA-256)",
    download: "Скачать",
    pdf: "PDF",
    docx: "Word (DOCX)",
    html: "HTML",
    otherLanguages: "Другие языки",
    languages: "Языки",
    related: "Исправления и пересмотренные варианты",
    kinds: { original: "Оригинал", revision: "Пересмотренный вариант", corrigendum: "Исправление" },
    correctedBy: "В этот текст внесено исправление:",
    supersededBy: "Заменен документом",
    archiveTitle: "Опубликованные доклады о ходе работы",
    archiveEmpty: "Ни один доклад еще не опубликован.",
    atomFeed: "Лента Atom",
    print: "Печать",
    pdfUnavailable: "PDF на этом языке недоступен",
    skipToContent: "Перейти к содержанию",
    documentInfo: "Об этом документе",
    workingGroup: "Рабочая группа КНТР по управлению данными",
    appLink: "Рабочее пространство участников",
  },
};

/** "Distr.: General", "Distr. générale", "分发：普遍": full-width colons take no space. */
export function labelled(label: string, value: string): string {
  return label.endsWith("：") ? label + value : `${label} ${value}`;
}

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

export function romanNumeral(n: number): string {
  let rest = Math.floor(n);
  if (rest <= 0) return String(n);
  let out = "";
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

// Gregorian calendar and Latin digits everywhere, as UN documents print dates.
const DATE_LOCALES: Record<ReportLanguage, string> = {
  en: "en-GB",
  fr: "fr-FR",
  es: "es-ES",
  ar: "ar-u-nu-latn",
  zh: "zh-CN",
  ru: "ru-RU",
};
const dateFormats = new Map<ReportLanguage, Intl.DateTimeFormat>();

/** "27 November 2026", "27 novembre 2026", "2026年11月27日"; takes a date or an ISO instant (its UTC day). */
export function formatReportDate(isoDate: string, lang: ReportLanguage): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!day) return isoDate;
  const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALES[lang], {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
      calendar: "gregory",
      numberingSystem: "latn",
    });
    dateFormats.set(lang, f);
  }
  return f.format(d);
}

/** The masthead of a UN document, as every renderer lays it out. */
export type Masthead = {
  organ: string;
  symbol: string;
  /** The right-hand column under the rule: distribution, date, [language,] original. */
  lines: string[];
};

export function masthead(r: RenderedReport): Masthead {
  const l = REPORT_LABELS[r.language];
  const lines = [labelled(l.distr, r.distribution), formatReportDate(r.date, r.language)];
  // A translation names its own language above the "Original:" line, as UN documents do.
  if (r.language !== r.originalLanguage) lines.push(ENDONYMS[r.language]);
  lines.push(labelled(l.original, l.originalLanguages[r.originalLanguage]));
  return { organ: l.generalAssembly, symbol: r.symbol, lines };
}
