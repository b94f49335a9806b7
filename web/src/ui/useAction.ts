// One action at a time on a page: busy while it runs, and what went wrong, in words, after.

import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
