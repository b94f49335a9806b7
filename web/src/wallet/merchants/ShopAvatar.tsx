// A shop's round initial on green, where a person would have an avatar.

export function ShopAvatar({ name, size }: { name: string; size: number }) {
  return (
    <span class="shop-avatar" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.45)}px` }} aria-hidden="true">
      {[...name.trim()][0] ?? "?"}
    </span>
  );
}
