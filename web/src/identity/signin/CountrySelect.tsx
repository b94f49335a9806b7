// The country/region row: looks like a list cell, is a native <select> underneath
// (so phones show their own picker).

import { regionName } from "../../i18n/format";
import { lang } from "../../i18n/store";
import { t } from "../../i18n/t";
import { ChevronRightIcon } from "../../ui/icons";
import { COUNTRIES, type Country } from "../phone";

function sortedCountries(): Country[] {
  const collator = new Intl.Collator(lang.value);
  return [...COUNTRIES].sort((a, b) => collator.compare(regionName(a.region), regionName(b.region)));
}

export function CountrySelect({
  value,
  disabled = false,
  onChange,
}: {
  value: string;
  disabled?: boolean;
  onChange: (dial: string) => void;
}) {
  const selected = COUNTRIES.find((country) => country.dial === value);
  return (
    <label class="form-row form-row--select">
      <span class="form-row__label">{t("signin.country")}</span>
      <span class="form-row__value">{selected ? regionName(selected.region) : value}</span>
      <ChevronRightIcon class="form-row__chevron" />
      <select
        class="form-row__native"
        value={value}
        disabled={disabled}
        aria-label={t("signin.country")}
        data-testid="phone-country"
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {sortedCountries().map((country) => (
          <option key={country.dial} value={country.dial}>
            {regionName(country.region)} {country.dial}
          </option>
        ))}
      </select>
    </label>
  );
}
