// A red envelope drawn small: the pocket, its flap and the round seal. Red in the "+"
// panel; gold on the red card in chat, paler once the card is done.

const TONES = {
  red: { body: "#fa5151", flap: "#e2463e", seal: "#f7d390" },
  card: { body: "#fde3bd", flap: "#f7c77f", seal: "#f25542" },
  muted: { body: "#fdf0e6", flap: "#f9dcc3", seal: "#f3a898" },
} as const;

export function EnvelopeIcon({ size = 28, tone = "red" }: { size?: number; tone?: keyof typeof TONES }) {
  const colours = TONES[tone];
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="4" y="2.5" width="16" height="19" rx="2" fill={colours.body} />
      <path d="M4 7.5c2.5 2.4 5.2 3.6 8 3.6s5.5-1.2 8-3.6V4.5a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2z" fill={colours.flap} />
      <circle cx="12" cy="11" r="2.6" fill={colours.seal} />
    </svg>
  );
}
