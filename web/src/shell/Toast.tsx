import { CheckIcon, WarningIcon } from "../ui/icons";
import { toast } from "./store";

export function ToastHost() {
  const current = toast.value;
  if (!current) return null;
  return (
    <div class="toast" role="status" key={current.id} data-testid="toast">
      {current.icon === "warning" ? <WarningIcon size={36} /> : <CheckIcon size={36} />}
      <span>{current.text}</span>
    </div>
  );
}
