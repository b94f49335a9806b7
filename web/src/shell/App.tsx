// The root: boot (who am I?), sign-in, first-time profile setup, then the tabs.

import { useEffect } from "preact/hooks";
import { ProfileSetup } from "../identity/signin/ProfileSetup";
import { SignIn } from "../identity/signin/SignIn";
import { loadMe, me, meError, token } from "../identity/store";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { PlazaLogo } from "../ui/icons";
import { OVERLAY_ROOT_ID } from "../ui/Overlay";
import { ErrorState } from "../ui/States";
import { Spinner } from "../ui/Spinner";
import { navigate, path, rememberReturnPath } from "./router";
import { Routes } from "./Routes";
import { ToastHost } from "./Toast";

function Splash() {
  return (
    <div class="splash" data-testid="splash">
      <PlazaLogo size={72} />
      <Spinner size={22} />
    </div>
  );
}

function Screen() {
  const signedIn = token.value !== null;
  const account = me.value;
  const bootError = meError.value;

  useEffect(() => {
    if (signedIn && me.peek() === null) void loadMe();
  }, [signedIn]);

  useEffect(() => {
    if (!signedIn && path.peek() !== "/") {
      // A friend's QR, a group invitation or a shop's pay link opened while signed out
      // (a pay link keeps its ?amount=, a mini-program its ?path=&scene=) is where sign-in lands.
      if (/^\/(u|join|pay|mp)\//.test(path.peek())) rememberReturnPath(path.peek() + location.search);
      navigate("/", { replace: true });
    }
  }, [signedIn]);

  if (!signedIn) return <SignIn />;
  if (account === null && bootError !== null) {
    return (
      <div class="screen">
        <ErrorState title={t("boot.error.title")} message={errorMessage(bootError)} onRetry={() => void loadMe()} />
      </div>
    );
  }
  if (account === null) return <Splash />;
  if (!account.profile_complete) return <ProfileSetup me={account} />;
  return <Routes me={account} />;
}

export function App() {
  return (
    <div class="app">
      <Screen />
      <div id={OVERLAY_ROOT_ID} class="overlay-root" />
      <ToastHost />
    </div>
  );
}
