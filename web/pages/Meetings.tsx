import { EmptyFeature } from "../components/EmptyFeature";
import { useI18n } from "../i18n";

export default function Meetings() {
  const { t } = useI18n();
  return <EmptyFeature title={t("meetings.title")} heading={t("meetings.empty")} body={t("meetings.emptyBody")} />;
}
