import { api } from "./client";
import type { Meta } from "./types";

export function fetchMeta(): Promise<Meta> {
  return api.get<Meta>("/v1/meta", { auth: false });
}
