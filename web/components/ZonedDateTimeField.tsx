// Times typed on the wall clock of a chosen IANA zone: a co-facilitator in Geneva types
// "15 March, 18:00" and means Geneva time, whatever zone their laptop is in. The zone select
// and the date-time field are separate so that a form with two times (opens and closes,
// starts and ends) asks for the zone once.
import { useMemo, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { timeZones, zonedToInstant } from "../../worker/lib/zonedTime";
import { useI18n } from "../i18n";
import { formatDateTime } from "../i18n/time";
import { Field, SelectField } from "./form";

type Labelled = { label: string; name: string; hint?: ReactNode; error?: string };

/** The IANA zones this browser knows, shown as "America/New York"; the chosen one stays listed even where this browser lacks it. */
export function ZoneSelect({ label, name, hint, error, ...select }: Labelled & Omit<SelectHTMLAttributes<HTMLSelectElement>, "children">) {
  const all = useMemo(() => timeZones(), []);
  const current = String(select.value ?? select.defaultValue ?? "");
  const zones = !current || all.includes(current) ? all : [current, ...all];
  return (
    <SelectField label={label} name={name} hint={hint} error={error} {...select}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z.replaceAll("_", " ")}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * A date and time read on the wall clock of `zone`; its hint says the instant back in words,
 * with date and zone ("27 Nov 2026, 18:00 CET (Europe/Zurich)"), and "–" while it is no time.
 * `echo` words that hint differently ("Closes 27 Nov 2026, 18:00 CET (Europe/Zurich).").
 */
export function ZonedDateTimeField({
  zone,
  value,
  echo = (when, z) => `${when} (${z})`,
  ...input
}: Omit<Labelled, "hint"> & { zone: string; value: string; echo?: (when: string, zone: string) => string } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "type">) {
  const { locale } = useI18n();
  const instant = zonedToInstant(value, zone);
  return <Field type="datetime-local" value={value} hint={instant ? echo(formatDateTime(instant.iso, locale, zone), zone) : "–"} {...input} />;
}
