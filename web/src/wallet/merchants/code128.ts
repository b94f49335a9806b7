// A Code 128 barcode for the payment code's digits: code set C packs two digits per
// symbol, so 18 digits are 9 symbols between the start and the check symbol.
// ISO/IEC 15417: each symbol is 3 bars and 3 spaces, 11 modules wide, written here as
// its 6 widths (bar first); the stop symbol adds a 2-module closing bar.

const WIDTHS = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232",
];
const START_C = 105;
const STOP = "2331112";
export const QUIET_ZONE = 10; // modules of white on each side, as the standard asks

/** The bars of `digits` (an even count) as [start module, width] pairs, and the total width. */
export function code128c(digits: string): { bars: [number, number][]; modules: number } {
  if (!/^(\d\d)+$/.test(digits)) throw new Error("code set C takes an even number of digits");
  const values = [START_C];
  for (let i = 0; i < digits.length; i += 2) values.push(Number(digits.slice(i, i + 2)));
  const check = values.reduce((sum, value, position) => sum + value * Math.max(position, 1), 0) % 103;
  const widths = [...values, check].map((value) => WIDTHS[value] ?? "").join("") + STOP;
  const bars: [number, number][] = [];
  let x = QUIET_ZONE;
  [...widths].forEach((char, index) => {
    const width = Number(char);
    if (index % 2 === 0) bars.push([x, width]);
    x += width;
  });
  return { bars, modules: x + QUIET_ZONE };
}
