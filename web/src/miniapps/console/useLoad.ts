// Loads one thing for a page: its data, the error if the load failed, and a way to load it again.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => void;
  /** Replace the data with what an action answered, without loading again. */
  set: (data: T) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setError(null);
    load().then(
      (value) => {
        if (mine === generation.current) setData(value);
      },
      (caught: unknown) => {
        if (mine === generation.current) setError(caught);
      },
    );
  }, deps);

  useEffect(() => {
    setData(null);
    reload();
  }, [reload]);

  return { data, error, reload, set: setData };
}
