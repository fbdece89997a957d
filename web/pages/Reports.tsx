import { EmptyFeature } from "../components/EmptyFeature";
import { useI18n } from "../i18n";

export default function Reports() {
  const { t } = useI18n();
  return <EmptyFeature title={t("reports.title")} heading={t("reports.empty")} body={t("reports.emptyBody")} />;
}
