export function Spinner({ size = 18, light = false }: { size?: number; light?: boolean }) {
  return (
    <span
      class={light ? "spinner spinner--light" : "spinner"}
      style={{ width: `${size}px`, height: `${size}px` }}
      role="progressbar"
      aria-busy="true"
    />
  );
}
