// Country calling codes for the sign-in form, and E.164 composition.

export interface Country {
  /** ISO 3166-1 alpha-2 region, for the localised name. */
  region: string;
  /** Calling code with the plus, e.g. "+86"; unique in the list. */
  dial: string;
}

export const COUNTRIES: readonly Country[] = [
  { region: "US", dial: "+1" },
  { region: "GB", dial: "+44" },
  { region: "DE", dial: "+49" },
  { region: "FR", dial: "+33" },
  { region: "CN", dial: "+86" },
  { region: "HK", dial: "+852" },
  { region: "MO", dial: "+853" },
  { region: "TW", dial: "+886" },
  { region: "JP", dial: "+81" },
  { region: "KR", dial: "+82" },
  { region: "SG", dial: "+65" },
  { region: "MY", dial: "+60" },
  { region: "TH", dial: "+66" },
  { region: "VN", dial: "+84" },
  { region: "PH", dial: "+63" },
  { region: "ID", dial: "+62" },
  { region: "IN", dial: "+91" },
  { region: "AU", dial: "+61" },
  { region: "NZ", dial: "+64" },
  { region: "BR", dial: "+55" },
  { region: "MX", dial: "+52" },
  { region: "AR", dial: "+54" },
  { region: "NG", dial: "+234" },
  { region: "KE", dial: "+254" },
  { region: "ZA", dial: "+27" },
  { region: "EG", dial: "+20" },
  { region: "AE", dial: "+971" },
  { region: "SA", dial: "+966" },
  { region: "TR", dial: "+90" },
  { region: "ES", dial: "+34" },
  { region: "IT", dial: "+39" },
  { region: "NL", dial: "+31" },
  { region: "SE", dial: "+46" },
  { region: "CH", dial: "+41" },
  { region: "PL", dial: "+48" },
  { region: "IE", dial: "+353" },
];

const LANGUAGE_REGIONS: Record<string, string> = {
  zh: "CN",
  ja: "JP",
  ko: "KR",
  de: "DE",
  fr: "FR",
  es: "ES",
  it: "IT",
  nl: "NL",
  sv: "SE",
  pl: "PL",
  pt: "BR",
  tr: "TR",
  hi: "IN",
  th: "TH",
  vi: "VN",
  id: "ID",
  ar: "AE",
  en: "US",
};

/** The calling code that most likely fits this browser, from its language tags. */
export function defaultDial(languages: readonly string[] = navigator.languages): string {
  for (const tag of languages) {
    const [language = "", region] = tag.split("-");
    const byRegion = region ? COUNTRIES.find((country) => country.region === region.toUpperCase()) : undefined;
    if (byRegion) return byRegion.dial;
    const fallback = LANGUAGE_REGIONS[language.toLowerCase()];
    const byLanguage = COUNTRIES.find((country) => country.region === fallback);
    if (byLanguage) return byLanguage.dial;
  }
  return "+1";
}

/** Keeps only digits, and drops a national trunk "0" (not in Italy, where it is part of the number). */
export function nationalDigits(dial: string, input: string): string {
  const digits = input.replace(/\D/g, "");
  return dial === "+39" ? digits : digits.replace(/^0+/, "");
}

/** "+44", "07911 123456" -> "+447911123456". */
export function toE164(dial: string, input: string): string {
  return `${dial}${nationalDigits(dial, input)}`;
}

/** "+86", "+8613800138000" -> "+86 138 0013 8000" (groups of 3-4-4, or 3-3-4 elsewhere). */
export function formatPhone(dial: string, e164: string): string {
  const national = e164.startsWith(dial) ? e164.slice(dial.length) : e164;
  if (dial === "+86" && national.length === 11) {
    return `${dial} ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  }
  if (national.length === 10) {
    return `${dial} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  }
  return `${dial} ${national}`;
}
