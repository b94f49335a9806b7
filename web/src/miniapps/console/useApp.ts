// One of the developer's mini-programs for a page, kept in the store so the side bar names it.

import { useEffect } from "preact/hooks";
import { getApp, type MiniApp } from "./api";
import { rememberApp } from "./store";
import { useLoad, type Loaded } from "./useLoad";

export function useApp(appId: string): Loaded<MiniApp> {
  const loaded = useLoad(() => getApp(appId), [appId]);
  useEffect(() => {
    if (loaded.data) rememberApp(loaded.data);
  }, [loaded.data]);
  return loaded;
}
