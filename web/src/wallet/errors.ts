// Wallet problems in words: a wrong PIN also says how many tries are left.

import { ApiError } from "../api/client";
import { errorMessage } from "../i18n/errors";
import { tCount } from "../i18n/t";
import { triesLeft } from "./money";

export function walletErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === "wallet.pin_wrong") {
    const left = triesLeft(error.detail);
    if (left !== null) return tCount("wallet.pin_wrong_left", left);
  }
  return errorMessage(error);
}
