import { PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { Link } from "../router";

export default function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t("app.notFound.title")}</PageTitle>
      <p>{t("app.notFound.body")}</p>
      <p>
        <Link href="/">{t("app.backHome")}</Link>
      </p>
    </>
  );
}
