import { CheckIcon } from "../ui/icons";
import { toast } from "./store";

export function ToastHost() {
  const current = toast.value;
  if (!current) return null;
  return (
    <div class="toast" role="status" key={current.id} data-testid="toast">
      <CheckIcon size={36} />
      <span>{current.text}</span>
    </div>
  );
}
